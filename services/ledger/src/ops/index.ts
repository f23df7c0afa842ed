export * from './read-status.js';
