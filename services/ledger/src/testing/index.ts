export * from './ledger-harness.js';
export * from './seed.js';
