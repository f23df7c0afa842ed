export * from './ledger-harness.js';
export * from './read-side.js';
export * from './seed.js';
export * from './report-scenario.js';
export * from './report-fixture.js';
export * from './audit-scenario.js';
