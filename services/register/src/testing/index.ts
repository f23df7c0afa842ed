export * from './network-cut.js';
export * from './open-test-register.js';
export * from './sales.js';
