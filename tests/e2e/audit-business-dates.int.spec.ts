import {
  AuditHistory,
  CloseDayResult,
  createExportVerifier,
  eventHash,
  localDateAndHour,
  reportRoutes,
  type AuditRecord,
  type CatalogEntry,
  type EventEnvelope,
  type ReportName,
  type ReportOf,
  type Verdict,
} from '@possier/events';
import {
  addUser,
  ok,
  REPORT_PROJECTIONS,
  seedRestaurant,
  startLedger,
  startReadSide,
  uuidv7,
  type Ledger,
  type ReadSide,
  type Restaurant,
} from '@possier/ledger/testing';
import { nodeAuditCrypto } from '@possier/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePizzaMenu, pizzaSaleEvents, readPizzaMonth, replayThroughTill } from '../support/pizza-place.js';

/**
 * February 2015 of the pizza place, back-filled through a till's offline replay into store A
 * after the fact, then sealed date by date in an order that is not the calendar's: what an
 * accountant does with an imported history. One sale of 14 February is held back and replayed
 * after that date was sealed, as a till that was offline for a week would.
 */
const MONTH = '2015-02';
const LATE_DATE = '2015-02-14';
/** Every date of the month once, none in calendar order: the n-th close seals day (n × 11 mod 28) + 1. */
const SEALING_ORDER = Array.from({ length: 28 }, (_, n) => `${MONTH}-${String(((n * 11) % 28) + 1).padStart(2, '0')}`);

let ledger: Ledger;
let readSide: ReadSide | undefined;
let shop: Restaurant;
let accountant: string;
let trustedKey: string;
let catalog: Map<string, CatalogEntry>;
/** The back-filled events by business date, and the held-back sale's events. */
const eventsByDate = new Map<string, number>();
let lateSale: EventEnvelope[];
const seals = new Map<string, CloseDayResult['seal']>();

const dateOf = (occurredAt: string) => localDateAndHour(occurredAt, 'Asia/Kolkata').date;

const seal = (action: 'close' | 'amend', businessDate: string) =>
  ledger.post(`/v1/audit/stores/${shop.ids.storeA}/days/${businessDate}/${action}`, accountant, {
    commandId: uuidv7(),
    occurredAt: '2015-03-02T04:00:00+05:30',
    data: { storeId: shop.ids.storeA, businessDate },
  });

const exportLines = async (from: string, to = from): Promise<string[]> => {
  const response = await fetch(`${ledger.url}/v1/audit/stores/${shop.ids.storeA}/export?from=${from}&to=${to}`, {
    headers: { authorization: `Bearer ${accountant}` },
  });
  expect(response.status).toBe(200);
  return (await response.text()).trimEnd().split('\n');
};

const verify = (lines: ReadonlyArray<string>): Verdict => {
  const verifier = createExportVerifier({ crypto: nodeAuditCrypto, trustedKeys: [trustedKey] });
  for (const line of lines) verifier.line(line);
  return verifier.finish();
};

const dayHistory = async (businessDate: string): Promise<AuditHistory> =>
  AuditHistory.parse(
    ok(await ledger.get(`/v1/audit/stores/${shop.ids.storeA}/days/${businessDate}/history?limit=1`, accountant)).body,
  );

beforeAll(async () => {
  ledger = await startLedger();
  shop = await seedRestaurant(ledger);
  accountant = (await addUser(ledger, shop, 'Lakshmi', [{ role: 'accountant', scope: { level: 'org' } }])).token;
  const rotated = ok(await ledger.command('/v1/audit/keys/rotate', shop.ownerToken, { orgId: shop.ids.org }));
  trustedKey = rotated.body.key.keyId as string;

  const { menu, sales } = await readPizzaMonth(MONTH);
  catalog = await definePizzaMenu(ledger, shop, menu, '2015-01-01T00:00:00+05:30');
  const late = sales.filter((sale) => sale.date === LATE_DATE).at(-1);
  const backfill = sales.filter((sale) => sale !== late).map((sale) => pizzaSaleEvents(shop, catalog, sale));
  lateSale = pizzaSaleEvents(shop, catalog, late as (typeof sales)[number]);
  for (const events of backfill) {
    for (const event of events)
      eventsByDate.set(dateOf(event.occurredAt), (eventsByDate.get(dateOf(event.occurredAt)) ?? 0) + 1);
  }
  await replayThroughTill(ledger, shop, backfill);
}, 180_000);

afterAll(async () => {
  await readSide?.stop();
  await ledger?.close();
});

/** A report as the API serves it to the owner, once the read side has caught up with the log. */
const report = async <Name extends ReportName>(name: Name, query: Record<string, string>): Promise<ReportOf<Name>> => {
  readSide ??= await startReadSide(ledger, [...REPORT_PROJECTIONS, 'tenancy']);
  await readSide.settle(120_000);
  const response = await ledger.get(`${reportRoutes[name].path}?${new URLSearchParams(query)}`, shop.ownerToken);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return reportRoutes[name].response.parse(response.body) as ReportOf<Name>;
};

describe('a back-filled month sealed by business date', () => {
  it('seals each date out of calendar order, each seal over exactly that date’s events, each date once', async () => {
    expect(eventsByDate.size).toBe(28);
    for (const businessDate of SEALING_ORDER) {
      const closed = await seal('close', businessDate);
      expect(closed.status, JSON.stringify(closed.body)).toBe(200);
      seals.set(businessDate, CloseDayResult.parse(closed.body).seal);
    }
    expect([...seals.keys()].slice(0, 4)).toEqual(['2015-02-01', '2015-02-12', '2015-02-23', '2015-02-06']);
    for (const [businessDate, closed] of seals) {
      expect([businessDate, closed.amendment, closed.eventCount]).toEqual([
        businessDate,
        0,
        eventsByDate.get(businessDate),
      ]);
    }
    const sealed = [...seals.values()].reduce((sum, closed) => sum + closed.eventCount, 0);
    expect(sealed).toBe([...eventsByDate.values()].reduce((sum, count) => sum + count, 0));
    expect(sealed).toBeGreaterThan(3_000);

    const again = await seal('close', LATE_DATE);
    expect([again.status, again.body.error.code, again.body.error.path]).toEqual([
      422,
      'AUDIT.DAY_ALREADY_SEALED',
      'data.businessDate',
    ]);
    expect(again.body.error.reason).toContain(`${LATE_DATE} is already sealed`);
  });

  it('exports one date with that date’s events and seal only, and the file verifies offline', async () => {
    const lines = await exportLines('2015-02-07');
    const records = lines.slice(1).map((line) => JSON.parse(line) as AuditRecord);
    const storeEvents = records.filter(
      (record) => record.storeId === shop.ids.storeA && !record.type.startsWith('Business'),
    );
    expect(storeEvents).toHaveLength(eventsByDate.get('2015-02-07') as number);
    expect(storeEvents.every((record) => dateOf(record.occurredAt) === '2015-02-07')).toBe(true);
    expect(records.filter((record) => record.type === 'BusinessDayClosed').map((record) => record.eventId)).toEqual([
      seals.get('2015-02-07')?.eventId,
    ]);
    expect(records).toHaveLength(storeEvents.length + 2);

    const verdict = verify(lines);
    expect(verdict.findings).toEqual([]);
    expect(verdict).toMatchObject({ ok: true, unsealedEvents: 0, anchor: { keyId: trustedKey, pinned: true } });
    expect(verdict.seals.map((report) => [report.businessDate, report.amendment, report.eventCount])).toEqual([
      ['2015-02-07', 0, eventsByDate.get('2015-02-07')],
    ]);
  });

  describe('a sale of a sealed date replayed a fortnight late', () => {
    let amendment: CloseDayResult['seal'];

    it('is held as unsealed for its own date, then sealed by an amendment of that date that verifies', async () => {
      await replayThroughTill(ledger, shop, [lateSale]);
      const waiting = await dayHistory(LATE_DATE);
      expect(waiting.unsealedEvents).toBe(lateSale.length);
      expect(waiting.page?.total).toBe((eventsByDate.get(LATE_DATE) as number) + lateSale.length);
      expect((await dayHistory('2015-02-15')).unsealedEvents).toBe(0);

      const amended = await seal('amend', LATE_DATE);
      expect(amended.status, JSON.stringify(amended.body)).toBe(200);
      amendment = CloseDayResult.parse(amended.body).seal;
      expect(amendment).toMatchObject({ businessDate: LATE_DATE, amendment: 1, eventCount: lateSale.length });
      const sealedNow = await dayHistory(LATE_DATE);
      expect(sealedNow.unsealedEvents).toBe(0);
      expect(sealedNow.seals.map((entry) => [entry.amendment, entry.eventCount])).toEqual([
        [0, eventsByDate.get(LATE_DATE)],
        [1, lateSale.length],
      ]);

      const verdict = verify(await exportLines(LATE_DATE));
      expect(verdict.findings).toEqual([]);
      expect(verdict.seals.map((report) => [report.amendment, report.eventCount, report.ok])).toEqual([
        [0, eventsByDate.get(LATE_DATE), true],
        [1, lateSale.length, true],
      ]);
      // The next date's seal and export know nothing of it.
      const nextDay = verify(await exportLines('2015-02-15'));
      expect(nextDay.ok).toBe(true);
      expect(nextDay.seals.map((report) => report.eventCount)).toEqual([eventsByDate.get('2015-02-15')]);
    });

    it('shows in the Z report of its date the close, then the amendment with the late sale’s money', async () => {
      const query = { storeId: shop.ids.storeA, from: LATE_DATE, to: LATE_DATE };
      const { seals: zSeals } = await report('shifts', query);
      const sales = await report('sales', query);
      const placed = lateSale.find((event) => event.type === 'OrderPlaced') as EventEnvelope;
      const latePayable = (placed.data as { totals: { payablePaise: number } }).totals.payablePaise;
      const lateTenders = lateSale.filter((event) => event.type === 'PaymentTendered');
      const lateApplied = lateTenders.reduce(
        (sum, event) => sum + (event.data as { appliedPaise: number }).appliedPaise,
        0,
      );
      expect(lateApplied).toBe(latePayable);

      expect(zSeals.map((seal) => [seal.kind, seal.amendment, seal.eventCount, seal.sealedByName])).toEqual([
        ['close', 0, eventsByDate.get(LATE_DATE), 'Lakshmi'],
        ['amendment', 1, lateSale.length, 'Lakshmi'],
      ]);
      const [close, late] = zSeals;
      expect(late).toMatchObject({
        sales: 1,
        payablePaise: latePayable,
        voids: 0,
        refunds: 0,
        tenders: [{ tenderKind: 'cash', tenders: lateTenders.length, appliedPaise: latePayable }],
      });
      // What the day was when sealed, and what the amendment added: together, the day's sales now.
      expect((close?.sales ?? 0) + (late?.sales ?? 0)).toBe(sales.totals.orders);
      expect((close?.payablePaise ?? 0) + (late?.payablePaise ?? 0)).toBe(sales.totals.payablePaise);
      expect(close?.tenders.reduce((sum, tender) => sum + tender.appliedPaise, 0)).toBe(close?.payablePaise);
    }, 180_000);

    it('fails verification naming the amendment when the late sale is removed from the export', async () => {
      const lateIds = new Set(lateSale.map((event) => event.eventId));
      const lines = await exportLines(LATE_DATE);
      const without = lines.filter(
        (line, index) => index === 0 || !lateIds.has((JSON.parse(line) as AuditRecord).eventId),
      );
      expect(without).toHaveLength(lines.length - lateSale.length);
      const header = { ...JSON.parse(without[0] as string), records: without.length - 1 };
      const verdict = verify([JSON.stringify(header), ...without.slice(1)]);
      expect(verdict.ok).toBe(false);
      expect(verdict.findings).toEqual([
        expect.objectContaining({ code: 'SEAL.COUNT_MISMATCH', eventId: amendment.eventId }),
      ]);
      expect(verdict.findings[0]?.place).toContain(`amendment 1 of store ${shop.ids.storeA} for ${LATE_DATE}`);
      expect(verdict.findings[0]?.reason).toContain(`seals ${lateSale.length} events, but the export holds 0`);
    });

    it('fails verification when the late sale is moved to another date, in the file or in the database', async () => {
      const placed = lateSale[0] as EventEnvelope;
      const lines = await exportLines(LATE_DATE, '2015-02-15');
      expect(verify(lines).ok).toBe(true);
      // A forger who rewrites the sale time and recomputes the event's hash.
      const moved = lines.map((line, index) => {
        if (index === 0) return line;
        const record = JSON.parse(line) as AuditRecord;
        if (record.eventId !== placed.eventId) return line;
        const base = { ...record, occurredAt: `2015-02-15T${placed.occurredAt.slice(11)}` };
        return JSON.stringify({ ...base, hash: eventHash(record.prevHash as string, base, nodeAuditCrypto) });
      });
      const inFile = verify(moved);
      expect(inFile.ok).toBe(false);
      expect(inFile.findings.map((finding) => finding.code)).toEqual(
        expect.arrayContaining(['CHAIN.BROKEN_LINK', 'SEAL.COUNT_MISMATCH']),
      );
      expect(inFile.findings.find((finding) => finding.code === 'SEAL.COUNT_MISMATCH')?.eventId).toBe(
        amendment.eventId,
      );
      expect(
        inFile.seals.filter((report) => !report.ok).map((report) => [report.businessDate, report.amendment]),
      ).toEqual([[LATE_DATE, 1]]);

      // With write access to the database: the sale leaves its date's export and turns up, altered, in the next.
      await ledger.store.pool.query(`UPDATE events SET occurred_at = $2 WHERE org_id = $1 AND event_id = $3`, [
        shop.ids.org,
        `2015-02-15T${placed.occurredAt.slice(11)}`,
        placed.eventId,
      ]);
      const ownDate = verify(await exportLines(LATE_DATE));
      expect(ownDate.findings).toEqual([
        expect.objectContaining({ code: 'SEAL.COUNT_MISMATCH', eventId: amendment.eventId }),
      ]);
      const otherDate = verify(await exportLines('2015-02-15'));
      expect(otherDate.firstBadEvent).toMatchObject({ code: 'CHAIN.HASH_MISMATCH', eventId: placed.eventId });
    });
  });
});
