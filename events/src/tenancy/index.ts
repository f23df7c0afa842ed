export * from './actions.js';
export * from './authorization.js';
export * from './grant.js';
export * from './tenancy.commands.js';
export * from './tenancy.decider.js';
export * from './tenancy.events.js';
