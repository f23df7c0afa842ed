export * from './audit-context.js';
export * from './audit-keyring.js';
export * from './audit-routes.js';
