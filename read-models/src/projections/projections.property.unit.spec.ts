import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowsOf, type MemoryTables } from '../memory-tables.js';
import type { Row } from '../row-change.js';
import {
  rmGstSummary,
  rmItemSales,
  rmOrderLines,
  rmOrders,
  rmPaymentMix,
  rmSalesByHour,
  type TableShape,
} from '../tables.js';
import { checkout } from '../testing/commands.js';
import { fold } from '../testing/fold.js';
import { COLA, EXTRA_CHEESE, MARGHERITA, STORE, id } from '../testing/fixtures.js';
import type { TestLedger } from '../testing/ledger.js';
import { withStore } from '../testing/scenarios.js';
import { gstSummaryProjection } from './gst-summary.projection.js';
import { itemSalesProjection } from './item-sales.projection.js';
import { ordersProjection } from './orders.projection.js';
import { paymentMixProjection } from './payment-mix.projection.js';
import { salesByHourProjection } from './sales-by-hour.projection.js';

const START = Date.parse('2026-11-23T18:30:00Z');
const OFFSETS = [0, 330, 540, -300];

/** An instant written with a producer's offset, as a till in another zone (or on UTC) would write it. */
const instant = (millis: number, offsetMinutes: number): string => {
  const local = new Date(millis + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(magnitude / 60)).padStart(2, '0')}:${String(magnitude % 60).padStart(2, '0')}`;
};

const lineArb = fc.record({
  pizza: fc.boolean(),
  cheese: fc.boolean(),
  quantity: fc.integer({ min: 1, max: 5 }),
});

const orderArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
  minute: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  offset: fc.constantFrom(...OFFSETS),
  /** Thousandths of the payable put on card (0 = all cash). */
  cardShare: fc.integer({ min: 0, max: 1000 }),
  upi: fc.boolean(),
  extraCash: fc.integer({ min: 0, max: 50_000 }),
  after: fc.constantFrom('nothing', 'void', 'refund_all', 'refund_one', 'tip'),
  afterMinutes: fc.integer({ min: 1, max: 2 * 24 * 60 }),
});

type OrderPlan = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;

/** Places the order, asking the decider first what it comes to, then follows it up as planned. */
const play = (ledger: TestLedger, plan: OrderPlan, n: number): void => {
  const orderId = id(0x100 + n);
  const lines = plan.lines.map((line, index) => ({
    lineId: id(0x10_000 + n * 10 + index),
    itemId: line.pizza ? MARGHERITA.itemId : COLA.itemId,
    quantity: line.quantity,
    modifierIds: line.pizza && line.cheese ? [EXTRA_CHEESE.itemId] : [],
  }));
  const probe = withStore().order(
    orderId,
    checkout(orderId, lines, [{ paymentId: id(1), kind: 'cash', amountPaise: 10_000_000 }]),
    instant(START, 0),
    STORE,
  );
  const payable = (probe[0]!.data as { totals: { payablePaise: number } }).totals.payablePaise;

  const card = Math.floor((payable * plan.cardShare) / 1000);
  const rest = payable - card;
  const upi = plan.upi ? Math.floor(rest / 2) : 0;
  const cash = rest - upi + plan.extraCash;
  const tenders = [
    ...(card > 0 ? [{ paymentId: id(0x20_000 + n * 10), kind: 'card', amountPaise: card, tipPaise: 500 }] : []),
    ...(upi > 0 ? [{ paymentId: id(0x20_000 + n * 10 + 1), kind: 'upi', amountPaise: upi }] : []),
    ...(cash > 0 ? [{ paymentId: id(0x20_000 + n * 10 + 2), kind: 'cash', amountPaise: cash }] : []),
  ];
  const soldAt = START + plan.minute * 60_000;
  ledger.order(orderId, checkout(orderId, lines, tenders), instant(soldAt, plan.offset), STORE);

  const at = instant(soldAt + plan.afterMinutes * 60_000, plan.offset);
  const refund = (scope: Record<string, unknown>) => ({
    type: 'RefundOrder',
    data: { orderId, refundId: id(0x30_000 + n), reason: 'returned', tender: { kind: 'cash' }, ...scope },
  });
  switch (plan.after) {
    case 'void':
      ledger.order(orderId, { type: 'VoidOrder', data: { orderId, reason: 'mistake' } }, at, STORE);
      break;
    case 'refund_all':
      ledger.order(orderId, refund({ scope: 'full' }), at, STORE);
      break;
    case 'refund_one':
      ledger.order(orderId, refund({ scope: 'lines', lines: [{ lineId: lines[0]!.lineId, quantity: 1 }] }), at, STORE);
      break;
    case 'tip':
      if (card > 0) {
        const paymentId = id(0x20_000 + n * 10);
        ledger.order(orderId, { type: 'AdjustTip', data: { orderId, paymentId, tipPaise: 1_200 } }, at, STORE);
      }
      break;
  }
};

const sum = (tables: MemoryTables, table: TableShape, column: string, where: (row: Row) => boolean = () => true) =>
  rowsOf(tables, table)
    .filter(where)
    .reduce((total, row) => total + (row[column] as number), 0);

describe('the sales projections, over any sequence of orders', () => {
  it('agree with each other to the paisa', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { minLength: 1, maxLength: 12 }), (plans) => {
        const ledger = withStore();
        plans.forEach((plan, n) => play(ledger, plan, n));
        const tables = fold(
          [ordersProjection, salesByHourProjection, itemSalesProjection, paymentMixProjection, gstSummaryProjection],
          ledger.events,
        );
        const orders = (column: string, where?: (row: Row) => boolean) => sum(tables, rmOrders, column, where);

        // Σ applied over every tender kind and day is what the bills came to.
        expect(sum(tables, rmPaymentMix, 'applied_paise')).toBe(orders('payable_paise'));
        expect(sum(tables, rmSalesByHour, 'payable_paise')).toBe(orders('payable_paise'));
        expect(sum(tables, rmSalesByHour, 'orders_count')).toBe(plans.length);
        expect(sum(tables, rmSalesByHour, 'taxable_paise')).toBe(orders('taxable_paise'));

        // Voids and refunds: the same money in every table that counts it.
        const voided = orders('payable_paise', (row) => row.status === 'voided');
        expect(sum(tables, rmSalesByHour, 'voided_paise')).toBe(voided);
        expect(sum(tables, rmPaymentMix, 'voided_paise')).toBe(voided);
        expect(sum(tables, rmSalesByHour, 'refunded_paise')).toBe(orders('refunded_paise'));
        expect(sum(tables, rmPaymentMix, 'refunded_paise')).toBe(orders('refunded_paise'));
        expect(orders('refunded_paise', (row) => row.status === 'refunded')).toBe(
          orders('payable_paise', (row) => row.status === 'refunded'),
        );

        // Items: what the lines sold and returned.
        expect(sum(tables, rmItemSales, 'quantity_sold')).toBe(sum(tables, rmOrderLines, 'quantity'));
        expect(sum(tables, rmItemSales, 'refunded_quantity')).toBe(sum(tables, rmOrderLines, 'refunded_quantity'));
        expect(sum(tables, rmItemSales, 'taxable_paise')).toBe(orders('taxable_paise'));

        // GST: net taxable is sold less refunded less voided; tax likewise against the lines.
        expect(sum(tables, rmGstSummary, 'taxable_paise')).toBe(
          sum(tables, rmItemSales, 'taxable_paise') -
            sum(tables, rmItemSales, 'refunded_taxable_paise') -
            sum(tables, rmItemSales, 'voided_taxable_paise'),
        );
        // A line's refunded paise is its taxable plus its tax, so the tax refunded is the difference.
        const gstTax = ['cgst_paise', 'sgst_paise', 'igst_paise'].reduce(
          (total, column) => total + sum(tables, rmGstSummary, column),
          0,
        );
        const refundedTax =
          sum(tables, rmOrderLines, 'refunded_paise') - sum(tables, rmItemSales, 'refunded_taxable_paise');
        expect(gstTax).toBe(orders('tax_paise') - orders('tax_paise', (row) => row.status === 'voided') - refundedTax);

        // Each hour counts exactly the orders rm_orders dates in it.
        for (const hour of rowsOf(tables, rmSalesByHour)) {
          const sold = rowsOf(tables, rmOrders).filter(
            (order) => order.business_date === hour.business_date && order.hour === hour.hour,
          );
          expect(hour.orders_count).toBe(sold.length);
        }
      }),
      { seed: 20_261_124, numRuns: 150 },
    );
  });
});
