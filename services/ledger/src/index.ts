export * from './app.js';
export * from './auth/tokens.js';
export * from './commands/event-ids.js';
export * from './config.js';
export * from './http/openapi.js';
export type { ReportScopeView } from './http/scope-routes.js';
