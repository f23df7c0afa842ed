export * from './ops-status.js';
export * from './read-status.js';
