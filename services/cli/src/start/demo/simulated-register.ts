import { randomBytes } from 'node:crypto';
import { openRegister, type RegisterClock } from '@possier/register';
import type { Logger } from 'pino';
import { demoId } from './demo-ids.js';
import { pizzaItemId } from './demo-tenant.js';
import type { DayOrder } from './pizza-day.js';

/** Orders sold in this local-time window are kept in the outbox, as by a till that lost its link. */
const OFFLINE_FROM = '15:00:00';
const OFFLINE_UNTIL = '17:00:00';
const SYNC_EVERY = 10;

/** Cash handed over: the bill with 5 % GST, rounded up to the next ₹100, and one more ₹100 note. */
const cashFor = (subtotalPaise: number): number => Math.ceil((subtotalPaise * 1.05) / 10_000) * 10_000 + 10_000;

/**
 * A register that sells a day of orders at their real times of `businessDate`: through the same
 * till (local deciders, SQLite outbox) and sync as a real one. Every third order is split between
 * card and cash; the afternoon's orders are sold offline and replayed at the next sync.
 */
export const sellDemoDay = async (options: {
  dataDir: string;
  ledgerUrl: string;
  token: string;
  businessDate: string;
  orders: ReadonlyArray<DayOrder>;
  prices: ReadonlyMap<string, number>;
  logger: Logger;
}): Promise<{ sold: number; offline: number }> => {
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
  try {
    await sync();
    let offline = 0;
    let unsynced = 0;
    for (const [index, order] of options.orders.entries()) {
      now = new Date(`${options.businessDate}T${order.time}+05:30`);
      const subtotalPaise = order.lines.reduce(
        (sum, line) => sum + (options.prices.get(line.key) ?? 0) * line.quantity,
        0,
      );
      const split = index % 3 === 2;
      const orderKey = `${options.dataDir}:${index}`;
      register.till.checkout({
        orderId: demoId(`order:${orderKey}`),
        shiftId: null,
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
    await sync();
    return { sold: options.orders.length, offline };
  } finally {
    register.close();
  }
};
