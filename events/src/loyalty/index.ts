export * from './loyalty-account.decider.js';
export * from './loyalty-programme.decider.js';
export * from './loyalty.commands.js';
export * from './loyalty.events.js';
export * from './redemptions.js';
export * from './order-loyalty.workflow.js';
