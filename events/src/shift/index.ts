export * from './drawer-cash.js';
export * from './shift.commands.js';
export * from './shift.events.js';
export * from './shift.decider.js';
export * from './shift-drawer.workflow.js';
