export * from './stock-depleted.js';
export * from './stock.commands.js';
export * from './stock-movement.js';
export * from './stock.events.js';
export * from './stock.decider.js';
export * from './stock-item.commands.js';
export * from './stock-item.decider.js';
export * from './stock-item.events.js';
