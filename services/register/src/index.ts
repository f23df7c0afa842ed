export * from './ledger-client.js';
export * from './local-store.js';
export * from './local-time.js';
export * from './register-agent.js';
export { ExposedRegisterDataError } from './private-files.js';
export * from './register.js';
export * from './sync.js';
