import { createHash } from 'node:crypto';
import { mintUuidV7, type CheckoutRequestInput } from '@possier/events';

export type Menu = { pizza: string; cheese: string; cola: string };

/** A fixed id for the n-th thing of a kind in a seeded run, so a restarted seller knows what it already sold. */
export const seededId = (seed: string, kind: string, n: number): string =>
  mintUuidV7({
    msecs: Date.UTC(2026, 10, 24) + n,
    random: createHash('sha256').update(`${seed}:${kind}:${n}`).digest().subarray(0, 16),
  });

const pick = (seed: string, n: number, salt: string, modulo: number): number =>
  createHash('sha256').update(`${seed}:${salt}:${n}`).digest().readUInt32BE(0) % modulo;

/**
 * The n-th sale of a seeded run: one to three pizzas, with extra cheese or not, a cola or not,
 * paid in cash (with change) or split between card and cash. Cash of ₹5,000 covers any of them.
 */
export const seededSale = (
  seed: string,
  n: number,
  menu: Menu,
): Omit<CheckoutRequestInput, 'storeId' | 'registerId'> => {
  const lines: CheckoutRequestInput['lines'] = [
    {
      lineId: seededId(seed, 'line-a', n),
      itemId: menu.pizza,
      quantity: 1 + pick(seed, n, 'quantity', 3),
      modifierIds: pick(seed, n, 'cheese', 2) === 0 ? [menu.cheese] : [],
    },
  ];
  if (pick(seed, n, 'cola', 2) === 0) {
    lines.push({ lineId: seededId(seed, 'line-b', n), itemId: menu.cola, quantity: 1, modifierIds: [] });
  }
  const split = pick(seed, n, 'split', 3) === 0;
  return {
    orderId: seededId(seed, 'order', n),
    channel: 'takeaway',
    lines,
    tenders: [
      ...(split ? [{ paymentId: seededId(seed, 'card', n), kind: 'card' as const, amountPaise: 10_000 }] : []),
      { paymentId: seededId(seed, 'cash', n), kind: 'cash' as const, amountPaise: 500_000 },
    ],
  };
};
