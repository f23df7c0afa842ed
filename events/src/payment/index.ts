export * from './payment.commands.js';
export * from './payment.decider.js';
export * from './payment.events.js';
export * from './tender.js';
