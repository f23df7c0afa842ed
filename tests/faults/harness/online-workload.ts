import { randomUUID } from 'node:crypto';
import type { Restaurant } from '@possier/ledger/testing';
import { RejectedCommandError, type OnlineClient } from './online-client.js';
import { seeded, sleep } from './seeded-random.js';

/** Lost answers asked for by the fault schedule, taken by the next commands sent. */
export type AnswerLoss = { pending: number };

type Sold = { orderId: string; pizzaLine: string; refunded: boolean };

/**
 * The online side of a shop, seeded: checkouts at the till (one to four pizzas, a cola or not,
 * cash or split with UPI), partial refunds of earlier orders by the owner, full refunds of the
 * tills' recent sales (which the tills may be voiding offline at the same time: one of the two
 * is refused or judged to reverse nothing), and stock counts of the dough. Runs until `signal`
 * aborts, then finishes the command in hand.
 */
export const runOnlineWorkload = async (
  client: OnlineClient,
  shop: Restaurant,
  seed: string,
  loss: AnswerLoss,
  signal: AbortSignal,
  /** The tills' sales the store holds, newest first. */
  tillOrders: () => Promise<string[]>,
): Promise<{ checkouts: number; refunds: number; tillRefunds: number; counts: number }> => {
  const random = seeded(seed, 'online-workload');
  const sold: Sold[] = [];
  const done = { checkouts: 0, refunds: 0, tillRefunds: 0, counts: 0 };
  const loseNext = () => {
    if (loss.pending === 0) return false;
    loss.pending -= 1;
    return true;
  };
  while (!signal.aborted) {
    const roll = random.next();
    const open = sold.filter((order) => !order.refunded);
    if (roll < 0.15 && open.length > 0) {
      const target = random.pick(open);
      await client.send(
        `/v1/orders/${target.orderId}/refunds`,
        shop.ownerToken,
        {
          orderId: target.orderId,
          refundId: randomUUID(),
          reason: 'burnt crust',
          scope: 'lines',
          lines: [{ lineId: target.pizzaLine, quantity: 1 }],
          tender: { kind: 'cash' },
        },
        loseNext(),
      );
      target.refunded = true;
      done.refunds += 1;
    } else if (roll < 0.2) {
      const recent = await tillOrders();
      if (recent.length > 0) {
        const orderId = random.pick(recent.slice(0, 20));
        try {
          await client.send(
            `/v1/orders/${orderId}/refunds`,
            shop.ownerToken,
            { orderId, refundId: randomUUID(), reason: 'guest left', scope: 'full', tender: { kind: 'cash' } },
            loseNext(),
          );
          done.tillRefunds += 1;
        } catch (error) {
          // Already voided or refunded (by the till or an earlier refund): refused, nothing stored.
          if (!(error instanceof RejectedCommandError && error.status === 422)) throw error;
        }
      }
    } else if (roll < 0.3) {
      await client.send(
        '/v1/stock/adjustments',
        shop.r1Token,
        {
          stockItemId: shop.ids.dough,
          storeId: shop.ids.storeA,
          adjustmentId: randomUUID(),
          occurredAt: '2026-11-24T16:00:00+05:30',
          reason: 'count',
          countedQuantity: random.between(0, 50_000),
        },
        loseNext(),
      );
      done.counts += 1;
    } else {
      const orderId = randomUUID();
      const pizzaLine = randomUUID();
      const colas = random.between(0, 2);
      await client.send(
        '/v1/orders',
        shop.r1Token,
        {
          orderId,
          storeId: shop.ids.storeA,
          channel: 'dine_in',
          lines: [
            {
              lineId: pizzaLine,
              itemId: shop.ids.pizza,
              quantity: random.between(1, 4),
              modifierIds: random.next() < 0.5 ? [shop.ids.cheese] : [],
            },
            ...(colas > 0 ? [{ lineId: randomUUID(), itemId: shop.ids.cola, quantity: colas }] : []),
          ],
          tenders:
            random.next() < 0.3
              ? [
                  { paymentId: randomUUID(), kind: 'upi', amountPaise: 10_000 },
                  { paymentId: randomUUID(), kind: 'cash', amountPaise: 500_000 },
                ]
              : [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 500_000 }],
        },
        loseNext(),
      );
      sold.push({ orderId, pizzaLine, refunded: false });
      done.checkouts += 1;
    }
    await sleep(random.between(5, 60));
  }
  return done;
};
