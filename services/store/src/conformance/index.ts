export * from './event-store-conformance.js';
export * from './fixtures.js';
export * from './subject.js';
