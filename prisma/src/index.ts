export * from './migrate.js';
export * from './test-database.js';
export * from './pglite-database.js';
