export * from './conformance/subject.js';
export * from './postgres/client-errors.js';
export * from './postgres/log-position.js';
export * from './postgres/postgres-event-store.js';
export * from './upcast.js';
export * from './validate-append.js';
export * from './audit/index.js';
export * from './pglite/index.js';
