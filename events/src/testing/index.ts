/** Fixtures and the decider spec helper, for the tests of this package and of the packages built on it. */
export * from './catalog-fixtures.js';
export * from './decider-spec.js';
export * from './fixtures.js';
