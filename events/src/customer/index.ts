export * from './customer.commands.js';
export * from './customer.decider.js';
export * from './customer.events.js';
export * from './phone.js';
export * from './sealed-pii.js';
