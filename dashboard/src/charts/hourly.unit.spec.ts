import type { SalesRow } from '@possier/events';
import { describe, expect, it } from 'vitest';
import { hourlyBars } from './hourly';

const row = (businessDate: string, hour: number, netPaise: number): SalesRow => ({
  businessDate,
  hour,
  orders: 1,
  grossPaise: netPaise,
  discountPaise: 0,
  serviceChargePaise: 0,
  taxIncludedPaise: 0,
  taxablePaise: netPaise,
  taxPaise: 0,
  roundOffPaise: 0,
  payablePaise: netPaise,
  tipsPaise: 0,
  collectedPaise: netPaise,
  voids: 0,
  voidedPaise: 0,
  voidedTaxablePaise: 0,
  voidedTaxPaise: 0,
  voidedRoundOffPaise: 0,
  refunds: 0,
  refundedPaise: 0,
  refundedTaxablePaise: 0,
  refundedTaxPaise: 0,
  refundedRoundOffPaise: 0,
  netPaise,
});

describe('hourlyBars', () => {
  it('stacks each date’s net sales in its hour, every hour from the first sale to the last', () => {
    const { bars, dates } = hourlyBars([
      row('2026-11-24', 13, 84_800),
      row('2026-11-25', 11, -6_000),
      row('2026-11-24', 15, 6_000),
    ]);
    expect(dates).toEqual(['2026-11-24', '2026-11-25']);
    expect(bars).toEqual([
      { hour: 11, '2026-11-25': -6_000 },
      { hour: 12 },
      { hour: 13, '2026-11-24': 84_800 },
      { hour: 14 },
      { hour: 15, '2026-11-24': 6_000 },
    ]);
  });

  it('draws nothing for a period without sales, or for rows by day', () => {
    expect(hourlyBars([])).toEqual({ bars: [], dates: [] });
    expect(hourlyBars([{ ...row('2026-11-24', 0, 1), hour: null }])).toEqual({ bars: [], dates: [] });
  });
});
