import { randomUUID } from 'node:crypto';
import { reportRoutes, type CloseDayResult, type ReportName, type ReportOf } from '@possier/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuditScenario, type AuditScenario } from '../testing/audit-scenario.js';
import { uuidv7 } from '../testing/ledger-harness.js';
import { REPORT_PROJECTIONS, startReadSide, type ReadSide } from '../testing/read-side.js';
import { ok } from '../testing/seed.js';

/**
 * The audit scenario's two closed dates of store A, then a cola sold on 24 November by a till
 * that was offline, stored after the date's close and sealed by an amendment: the Z report of the
 * store's dates, read through the projector as in production.
 */
let scenario: AuditScenario;
let readSide: ReadSide;
let amendment: CloseDayResult['seal'];
const LATE_COLA = uuidv7();

const served = async <Name extends ReportName>(
  name: Name,
  token: string,
  query: Record<string, string>,
): Promise<ReportOf<Name>> => {
  const response = await scenario.ledger.get(`${reportRoutes[name].path}?${new URLSearchParams(query)}`, token);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return reportRoutes[name].response.parse(response.body) as ReportOf<Name>;
};

beforeAll(async () => {
  scenario = await startAuditScenario();
  const { ledger, shop, accountant } = scenario;
  readSide = await startReadSide(ledger, [...REPORT_PROJECTIONS, 'tenancy']);
  const send = async (path: string, token: string, occurredAt: string, data: unknown) =>
    ok(await ledger.post(path, token, { commandId: uuidv7(), occurredAt, data })).body;
  await send('/v1/orders', shop.r1Token, '2026-11-24T21:40:00+05:30', {
    orderId: LATE_COLA,
    storeId: shop.ids.storeA,
    channel: 'takeaway',
    lines: [{ lineId: randomUUID(), itemId: shop.ids.cola, quantity: 1 }],
    tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 10_000 }],
  });
  const amended = (await send(
    `/v1/audit/stores/${shop.ids.storeA}/days/2026-11-24/amend`,
    accountant,
    '2026-11-26T09:00:00+05:30',
    { storeId: shop.ids.storeA, businessDate: '2026-11-24' },
  )) as CloseDayResult;
  amendment = amended.seal;
  await readSide.settle();
}, 120_000);

afterAll(async () => {
  await readSide?.stop();
  await scenario?.close();
});

describe('the Z report of a store’s business dates', () => {
  it('shows each close, and each amendment with what it added in money, adding up to the day’s sales', async () => {
    const { shop, key, seals } = scenario;
    const query = { storeId: shop.ids.storeA, from: '2026-11-24', to: '2026-11-25' };
    const report = await served('shifts', shop.ownerToken, query);
    const the24th = await served('sales', shop.ownerToken, { ...query, to: '2026-11-24' });
    // 24 November: O1 (2 × Margherita, cash) and O2 (a ₹60 cola, UPI) before the close; the late
    // ₹60 cola in cash after it.
    const closedPayable = the24th.totals.payablePaise - 6_000;
    const common = { storeId: shop.ids.storeA, keyId: key.keyId, refunds: 0, refundedPaise: 0 };
    expect(report.seals).toEqual([
      {
        ...common,
        businessDate: '2026-11-24',
        kind: 'close',
        amendment: 0,
        sealedAt: expect.any(String),
        sealedBy: expect.any(String),
        sealedByName: 'Lakshmi',
        eventCount: seals.day1.eventCount,
        sales: 2,
        payablePaise: closedPayable,
        voids: 0,
        voidedPaise: 0,
        tenders: [
          { tenderKind: 'cash', tenders: 1, appliedPaise: closedPayable - 6_000 },
          { tenderKind: 'upi', tenders: 1, appliedPaise: 6_000 },
        ],
      },
      {
        ...common,
        businessDate: '2026-11-24',
        kind: 'amendment',
        amendment: 1,
        sealedAt: expect.any(String),
        sealedBy: expect.any(String),
        sealedByName: 'Lakshmi',
        eventCount: amendment.eventCount,
        sales: 1,
        payablePaise: 6_000,
        voids: 0,
        voidedPaise: 0,
        tenders: [{ tenderKind: 'cash', tenders: 1, appliedPaise: 6_000 }],
      },
      {
        ...common,
        businessDate: '2026-11-25',
        kind: 'close',
        amendment: 0,
        sealedAt: expect.any(String),
        sealedBy: shop.ids.r1,
        sealedByName: 'Till 1',
        eventCount: seals.day2.eventCount,
        sales: 1,
        payablePaise: 6_000,
        voids: 1,
        voidedPaise: 6_000,
        tenders: [{ tenderKind: 'card', tenders: 1, appliedPaise: 6_000 }],
      },
    ]);
    const sealedOn24th = report.seals.filter((seal) => seal.businessDate === '2026-11-24');
    expect(sealedOn24th.reduce((sum, seal) => sum + seal.payablePaise, 0)).toBe(the24th.totals.payablePaise);
    expect(sealedOn24th.reduce((sum, seal) => sum + seal.sales, 0)).toBe(the24th.totals.orders);
  });

  it('shows no seal of a date not closed, nor of another store or another org', async () => {
    const { shop, otherOrg } = scenario;
    const storeB = await served('shifts', shop.ownerToken, {
      storeId: shop.ids.storeB,
      from: '2026-11-24',
      to: '2026-11-25',
    });
    expect(storeB.seals).toEqual([]);
    const later = await served('shifts', shop.ownerToken, {
      storeId: shop.ids.storeA,
      from: '2026-11-26',
      to: '2026-11-30',
    });
    expect(later.seals).toEqual([]);
    const other = await served('shifts', otherOrg.ownerToken, { from: '2026-11-24', to: '2026-11-25' });
    expect(other.seals).toEqual([]);
  });
});
