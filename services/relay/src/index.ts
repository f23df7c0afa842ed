export * from './checkpoint.js';
export * from './relay.js';
export * from './stream-definition.js';
export * from './metrics.js';
