import { randomBytes } from 'node:crypto';
import { expectedDrawerCash, type ShiftState } from '@possier/events';
import { openRegister, type RegisterAgent, type RegisterClock } from '@possier/register';
import type { Logger } from 'pino';
import { demoId } from './demo-ids.js';
import { pizzaItemId } from './demo-tenant.js';
import type { DayOrder } from './pizza-day.js';

/** Orders sold in this local-time window are kept in the outbox, as by a till that lost its link. */
const OFFLINE_FROM = '15:00:00';
const OFFLINE_UNTIL = '17:00:00';
const SYNC_EVERY = 10;

/** A cashier's shift around the day's sales: the float counted in, a pay-out at lunch, a count at close. */
export type DemoShift = {
  cashier: string;
  floatPaise: number;
  payOut: { at: string; amountPaise: number; reason: string };
  closeAt: string;
  /** What the count at close comes to against the drawer's expected cash (negative: short). */
  countedVariancePaise: number;
};

/** The cash the till's own copy of the shift expects in the drawer. */
const expectedCash = (register: RegisterAgent, shiftId: string): number => {
  const row = register.db.prepare('SELECT state FROM shifts WHERE shift_id = ?').get(shiftId) as { state: string };
  const state = JSON.parse(row.state) as ShiftState;
  if (state.status !== 'open') throw new Error(`the demo shift ${shiftId} is ${state.status}`);
  return Number(expectedDrawerCash(state));
};

/** Cash handed over: the bill with 5 % GST, rounded up to the next ₹100, and one more ₹100 note. */
const cashFor = (subtotalPaise: number): number => Math.ceil((subtotalPaise * 1.05) / 10_000) * 10_000 + 10_000;

/**
 * A register that sells a day of orders at their real times of `businessDate`: through the same
 * till (local deciders, SQLite outbox) and sync as a real one. Every third order is split between
 * card and cash; the afternoon's orders are sold offline and replayed at the next sync. With
 * `customers` (enrolled, and pulled by the till at its first sync), every fifth order is a
 * regular's and earns loyalty points; with `shift`, the sales are rung up on a cashier's shift,
 * closed with a count at night for the shifts report (the Z report).
 */
export const sellDemoDay = async (options: {
  dataDir: string;
  ledgerUrl: string;
  token: string;
  businessDate: string;
  orders: ReadonlyArray<DayOrder>;
  prices: ReadonlyMap<string, number>;
  customers?: ReadonlyArray<string>;
  shift?: DemoShift;
  logger: Logger;
}): Promise<{ sold: number; offline: number; shiftVariancePaise?: number }> => {
  let now = new Date(`${options.businessDate}T09:00:00+05:30`);
  const clock: RegisterClock = { now: () => now, random: () => randomBytes(16) };
  const register = openRegister({
    dataDir: options.dataDir,
    ledgerUrl: options.ledgerUrl,
    token: options.token,
    clock,
  });
  // The till sells at the day's times, but syncs now: its clock is right, its sales a day old.
  const sync = async () => {
    const soldAt = now;
    now = new Date();
    try {
      return await register.sync();
    } finally {
      now = soldAt;
    }
  };
  const at = (time: string) => new Date(`${options.businessDate}T${time}+05:30`);
  const shiftId = options.shift ? demoId(`shift:${options.dataDir}`) : null;
  let paidOut = false;
  try {
    await sync();
    if (options.shift && shiftId) {
      now = at('09:00:00');
      register.till.openShift(shiftId, options.shift.floatPaise, options.shift.cashier);
    }
    let offline = 0;
    let unsynced = 0;
    for (const [index, order] of options.orders.entries()) {
      now = at(order.time);
      if (options.shift && shiftId && !paidOut && order.time >= options.shift.payOut.at) {
        const { payOut } = options.shift;
        now = at(payOut.at);
        register.till.moveCash(shiftId, 'out', payOut.amountPaise, payOut.reason);
        paidOut = true;
        now = at(order.time);
      }
      const customerId =
        options.customers && index % 5 === 3
          ? options.customers[Math.floor(index / 5) % options.customers.length]
          : undefined;
      const subtotalPaise = order.lines.reduce(
        (sum, line) => sum + (options.prices.get(line.key) ?? 0) * line.quantity,
        0,
      );
      const split = index % 3 === 2;
      const orderKey = `${options.dataDir}:${index}`;
      register.till.checkout({
        orderId: demoId(`order:${orderKey}`),
        shiftId,
        ...(customerId === undefined ? {} : { customerId }),
        channel: index % 4 === 0 ? 'takeaway' : 'dine_in',
        lines: order.lines.map((line, lineIndex) => ({
          lineId: demoId(`line:${orderKey}:${lineIndex}`),
          itemId: pizzaItemId(line.key),
          quantity: line.quantity,
          modifierIds: [],
        })),
        tenders: [
          ...(split ? [{ paymentId: demoId(`card:${orderKey}`), kind: 'card' as const, amountPaise: 10_000 }] : []),
          { paymentId: demoId(`cash:${orderKey}`), kind: 'cash' as const, amountPaise: cashFor(subtotalPaise) },
        ],
      });
      const isOffline = order.time >= OFFLINE_FROM && order.time < OFFLINE_UNTIL;
      if (isOffline) offline += 1;
      unsynced += 1;
      if (!isOffline && unsynced >= SYNC_EVERY) {
        const summary = await sync();
        options.logger.info({ sold: index + 1, of: options.orders.length, ...summary }, 'demo register synced');
        unsynced = 0;
      }
    }
    let shiftVariancePaise: number | undefined;
    if (options.shift && shiftId) {
      now = at(options.shift.closeAt);
      shiftVariancePaise = options.shift.countedVariancePaise;
      register.till.closeShift(shiftId, expectedCash(register, shiftId) + shiftVariancePaise, options.shift.cashier);
    }
    await sync();
    return {
      sold: options.orders.length,
      offline,
      ...(shiftVariancePaise === undefined ? {} : { shiftVariancePaise }),
    };
  } finally {
    register.close();
  }
};
