export * from './apply-batch.js';
export * from './config.js';
export * from './consumer-definition.js';
export * from './in-process-feed.js';
export * from './metrics.js';
export * from './projector.js';
export * from './rebuild.js';
