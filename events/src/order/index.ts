export * from './offline-conflict.js';
export * from './order.commands.js';
export * from './order.decider.js';
export * from './order.events.js';
export * from './refund.js';
export * from './verify-placed.js';
export * from './offline-sale.workflow.js';
export * from './replayed-reversal.workflow.js';
