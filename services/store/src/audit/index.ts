export * from './audit-log.js';
export * from './node-audit-crypto.js';
