import { z } from 'zod';
import type { Role } from './grant.js';

/** Every command and query the ledger runs, as the unit permissions are granted in. */
export const Action = z.enum([
  'order.place',
  'order.void',
  'order.refund',
  'order.tip',
  'stock.adjust',
  'shift.open',
  'shift.move_cash',
  'shift.close',
  'day.close',
  'catalog.manage',
  'customer.manage',
  'invoice.manage',
  'tenancy.manage',
  'reports.read',
  'audit.read',
  'register.replay',
  'register.deactivate',
]);
export type Action = z.infer<typeof Action>;

/** Actions that happen in one store: they must name it, so no grant is ever checked against "somewhere". */
export const STORE_ACTIONS: ReadonlyArray<Action> = [
  'order.place',
  'order.void',
  'order.refund',
  'order.tip',
  'stock.adjust',
  'shift.open',
  'shift.move_cash',
  'shift.close',
  'day.close',
  'invoice.manage',
  'register.replay',
];

export const STORE_OPERATIONS: ReadonlyArray<Action> = [
  'order.place',
  'order.void',
  'order.refund',
  'order.tip',
  'stock.adjust',
  'shift.open',
  'shift.move_cash',
  'shift.close',
];

/**
 * What each role may do inside the scope it is granted over ("store operations" are the eight
 * order, stock and shift actions above):
 *
 * | role          | actions                                                                 |
 * |---------------|-------------------------------------------------------------------------|
 * | owner         | everything but register.replay                                          |
 * | brand_manager | store operations, day.close, catalog.manage, customer.manage,           |
 * |               | reports.read, register.deactivate                                       |
 * | store_manager | store operations, day.close, customer.manage, reports.read,             |
 * |               | register.deactivate                                                     |
 * | cashier       | order.place, order.tip, stock.adjust (counts, waste), shift.open,       |
 * |               | shift.move_cash, customer.manage                                        |
 * | accountant    | day.close, invoice.manage, audit.read, reports.read                     |
 * | analyst       | reports.read                                                            |
 *
 * A cashier cannot void, refund or close a shift: each of those takes money back out of the
 * record or signs off a drawer, which is a manager's job. No person may replay a register's
 * outbox, not even an owner: replayed events are recorded as that register's own. Erasing a
 * customer is `tenancy.manage` (the owner's): it cannot be undone. Deactivating a user is the
 * owner's too (`tenancy.manage`); a register's managers may deactivate it (a lost or stolen till
 * must be stopped by whoever is on duty), and reactivate it.
 */
export const ROLE_ACTIONS: Readonly<Record<Role, ReadonlyArray<Action>>> = {
  owner: Action.options.filter((action) => action !== 'register.replay'),
  brand_manager: [
    ...STORE_OPERATIONS,
    'day.close',
    'catalog.manage',
    'customer.manage',
    'reports.read',
    'register.deactivate',
  ],
  store_manager: [...STORE_OPERATIONS, 'day.close', 'customer.manage', 'reports.read', 'register.deactivate'],
  cashier: ['order.place', 'order.tip', 'stock.adjust', 'shift.open', 'shift.move_cash', 'customer.manage'],
  accountant: ['day.close', 'invoice.manage', 'audit.read', 'reports.read'],
  analyst: ['reports.read'],
};

/**
 * What a register device may do, in its own store and as itself. It may void (an order keyed by
 * mistake is voided at the till, offline too) but not refund: money going back to a customer after
 * the fact needs a manager's own token.
 */
export const REGISTER_ACTIONS: ReadonlyArray<Action> = [
  'order.place',
  'order.void',
  'order.tip',
  'stock.adjust',
  'shift.open',
  'shift.move_cash',
  'shift.close',
  'day.close',
  'customer.manage',
  'register.replay',
];

export const ACTION_PHRASES: Readonly<Record<Action, string>> = {
  'order.place': 'place orders',
  'order.void': 'void orders',
  'order.refund': 'refund orders',
  'order.tip': 'adjust tips',
  'stock.adjust': 'adjust stock',
  'shift.open': 'open shifts',
  'shift.move_cash': 'move cash in or out of a drawer',
  'shift.close': 'close shifts',
  'day.close': "close and seal the store's business day",
  'catalog.manage': 'manage the catalog',
  'customer.manage': 'enrol customers and read or change their details',
  'invoice.manage': 'manage invoices',
  'tenancy.manage': 'administer the org',
  'reports.read': 'read reports',
  'audit.read': 'read the audit trail',
  'register.replay': "replay a register's outbox",
  'register.deactivate': 'deactivate or reactivate registers',
};
