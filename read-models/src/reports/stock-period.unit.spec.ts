import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STOCK_MOVEMENT_KINDS } from '../tables.js';
import { stockPeriodOf, type DatedMovement } from './stock-period.js';

const signed = (kind: DatedMovement['kind'], quantity: number): DatedMovement => ({
  kind,
  quantity: kind === 'sale' || kind === 'waste' || kind === 'transfer_out' ? -quantity : quantity,
});

describe("a stock item's period", () => {
  it('opens at the on hand before it, sums each kind and closes where the movements leave it', () => {
    expect(
      stockPeriodOf(1_000, [
        signed('receipt', 5_000),
        signed('sale', 750),
        signed('waste', 100),
        signed('transfer_out', 400),
        signed('transfer_in', 50),
      ]),
    ).toEqual({
      openingOnHand: 1_000,
      received: 5_000,
      transferredIn: 50,
      transferredOut: 400,
      sold: 750,
      wasted: 100,
      counts: 0,
      countVariance: 0,
      closingOnHand: 1_000 + 5_000 - 750 - 100 - 400 + 50,
    });
  });

  it('records a count as counted − on hand before it, and sets on hand to what was counted', () => {
    const figures = stockPeriodOf(2_000, [signed('sale', 500), signed('count', 1_200), signed('sale', 200)]);
    // 1,500 should have been there; 1,200 was: 300 missing.
    expect(figures).toMatchObject({ counts: 1, countVariance: -300, sold: 700, closingOnHand: 1_000 });
  });

  it('adds up for any movements: opening + received + in − out − sold − wasted + variance = closing', () => {
    const movement = fc
      .tuple(fc.constantFrom(...STOCK_MOVEMENT_KINDS), fc.integer({ min: 1, max: 100_000 }))
      .map(([kind, quantity]) => signed(kind, quantity));
    fc.assert(
      fc.property(
        fc.integer({ min: -50_000, max: 50_000 }),
        fc.array(movement, { maxLength: 40 }),
        (opening, movements) => {
          const f = stockPeriodOf(opening, movements);
          expect(f.closingOnHand).toBe(
            f.openingOnHand + f.received + f.transferredIn - f.transferredOut - f.sold - f.wasted + f.countVariance,
          );
        },
      ),
      { seed: 23, numRuns: 300 },
    );
  });
});
