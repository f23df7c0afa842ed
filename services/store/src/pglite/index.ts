export * from './pglite-event-store.js';
export * from './pglite-pool.js';
