export * from './invoice.commands.js';
export * from './invoice.decider.js';
export * from './invoice.events.js';
export type { InvoiceState, IssuedInvoice, LineAdjustment } from './invoice-state.js';
