import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultClockPolicy, localDateAndHour } from '@possier/events';
import { eventually, seedRestaurant, startLedger, uuidv7, type Ledger, type Restaurant } from '@possier/ledger/testing';
import { openRegister, type RegisterAgent } from '@possier/register';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The ledger owns time. Online, a command dated outside a few minutes of the ledger's clock is
 * refused by its field and stores nothing. Offline, the till's clock is an input: a till whose
 * clock is off has its sales placed by corrected time and flagged; a sale dated beyond the
 * offline window is a recorded conflict, never a sale silently filed under 9999 or 1970.
 */

const OPENED = '2026-11-24T13:05:00+05:30';
let ledgerNow = new Date(OPENED);

let ledger: Ledger;
let shop: Restaurant;
let dataDir: string;
const tally = { attempts: 0, misdated: [] as string[] };

beforeAll(async () => {
  ledger = await startLedger({ clock: () => ledgerNow, clockPolicy: defaultClockPolicy });
  shop = await seedRestaurant(ledger);
  dataDir = mkdtempSync(join(tmpdir(), 'possier-dates-'));
}, 120_000);

afterAll(async () => {
  process.stdout.write(`security: dates attempts=${tally.attempts}, misdated=${tally.misdated.length}\n`);
  await ledger?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const colaSale = (orderId: string) => ({
  orderId,
  channel: 'takeaway' as const,
  lines: [{ lineId: randomUUID(), itemId: shop.ids.cola, quantity: 1, modifierIds: [] }],
  tenders: [{ paymentId: randomUUID(), kind: 'cash' as const, amountPaise: 10_000 }],
});

const orderEvents = (orderId: string) => ledger.store.readStream({ orgId: shop.ids.org, streamId: `order-${orderId}` });

describe('an online command', () => {
  it.each([
    ['1970', '1970-01-01T00:00:00Z'],
    ['1990', '1990-06-01T12:00:00+05:30'],
    ['2099', '2099-01-01T00:00:00+05:30'],
    ['9999-12-31', '9999-12-31T23:59:59+05:30'],
    ['six minutes ahead', '2026-11-24T13:11:00+05:30'],
    ['six minutes behind', '2026-11-24T12:59:00+05:30'],
  ])('dated %s is refused naming occurredAt, and stores nothing', async (_, occurredAt) => {
    tally.attempts += 1;
    const orderId = randomUUID();
    const response = await ledger.post('/v1/orders', shop.r1Token, {
      commandId: uuidv7(),
      occurredAt,
      data: { ...colaSale(orderId), storeId: shop.ids.storeA, registerId: shop.ids.r1 },
    });
    if (response.status === 200) tally.misdated.push(`online ${occurredAt}`);
    expect(response.status, JSON.stringify(response.body)).toBe(422);
    expect(response.body).toMatchObject({
      error: { code: 'TIME.OUT_OF_WINDOW', path: 'occurredAt', reason: expect.stringMatching(/ledger's clock/) },
    });
    expect(await orderEvents(orderId)).toEqual([]);
  });

  it('dated within the window keeps its time and offset', async () => {
    const orderId = randomUUID();
    const occurredAt = '2026-11-24T09:38:00+02:00';
    const response = await ledger.post('/v1/orders', shop.r1Token, {
      commandId: uuidv7(),
      occurredAt,
      data: { ...colaSale(orderId), storeId: shop.ids.storeA, registerId: shop.ids.r1 },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect((await orderEvents(orderId)).map((event) => event.occurredAt)).toEqual([occurredAt, occurredAt]);
  });
});

describe('a replayed sale', () => {
  let tillNow = new Date(OPENED);
  let till: RegisterAgent;

  beforeAll(async () => {
    till = openRegister({
      dataDir,
      ledgerUrl: ledger.url,
      token: shop.r1Token,
      clock: { now: () => tillNow, random: () => randomBytes(16) },
    });
    await eventually(async () => {
      await till.sync();
      expect(till.status()).toMatchObject({ online: true, catalogItems: 3 });
    });
  }, 60_000);

  afterAll(() => till?.close());

  /** Sells at the till's clock `soldAt`, then syncs with the till's clock at `syncedAt`; what the ledger stored. */
  const sellAndSync = async (soldAt: string, syncedAt: string) => {
    tally.attempts += 1;
    const orderId = randomUUID();
    tillNow = new Date(soldAt);
    const { events } = till.till.checkout(colaSale(orderId));
    tillNow = new Date(syncedAt);
    const summary = await till.sync();
    expect(summary).toMatchObject({ accepted: events.length, rejected: 0 });
    const stored = await orderEvents(orderId);
    const placed = stored.find((event) => event.type === 'OrderPlaced');
    const recorded = stored.find((event) => event.type === 'OfflineConflictRecorded');
    expect(placed?.occurredAt.slice(-6), "the till's UTC offset is kept").toBe(events[0]?.occurredAt.slice(-6));
    return { placedAt: Date.parse(placed?.occurredAt ?? ''), recorded, stored };
  };

  const at = (dateTime: string) => Date.parse(dateTime);

  it('from a till 3 h ahead at 21:59 is placed on its real business date, flagged, and the skew is recorded', async () => {
    ledgerNow = new Date('2026-11-24T21:59:00+05:30');
    const { placedAt, recorded, stored } = await sellAndSync('2026-11-25T00:59:00+05:30', '2026-11-25T00:59:30+05:30');
    // The till synced at 00:59:30 by its clock, when the ledger's said 21:59:00.
    expect(placedAt).toBe(at('2026-11-24T21:58:30+05:30'));
    const businessDate = localDateAndHour(new Date(placedAt).toISOString(), 'Asia/Kolkata').date;
    expect(businessDate).toBe('2026-11-24');
    // Every event of the sale moves with it.
    const sale = stored.filter((event) => event.type !== 'OfflineConflictRecorded');
    expect(new Set(sale.map((event) => Date.parse(event.occurredAt)))).toEqual(new Set([placedAt]));
    expect(recorded?.data).toMatchObject({
      conflicts: [{ kind: 'clock_skew', detail: expect.stringMatching(/3 h ahead of the ledger's clock/) }],
    });
    if (businessDate !== '2026-11-24') tally.misdated.push('till 3 h ahead');

    const status = await ledger.get('/v1/ops/status', shop.ownerToken);
    const row = (status.body.registers as Array<{ registerId: string; clockSkewMs: number }>).find(
      (register) => register.registerId === shop.ids.r1,
    );
    expect(row?.clockSkewMs).toBe(3 * 3_600_000 + 30_000);
    expect(till.status().clockSkewMs).toBe(row?.clockSkewMs);
    const metrics = await ledger.get('/metrics');
    expect(metrics.body).toMatch(/possier_ledger_till_clock_skew_seconds_count \d+/);
  });

  it('from a till 400 days ahead is placed by corrected time too', async () => {
    ledgerNow = new Date(OPENED);
    const { placedAt, recorded } = await sellAndSync('2027-12-29T13:00:00+05:30', '2027-12-29T13:05:00+05:30');
    expect(placedAt).toBe(at('2026-11-24T13:00:00+05:30'));
    expect(recorded?.data).toMatchObject({
      conflicts: [{ kind: 'clock_skew', detail: expect.stringMatching(/400 days ahead/) }],
    });
  });

  it('dated 9999 by a till whose clock is right is placed at the time the ledger received it, as a conflict', async () => {
    ledgerNow = new Date(OPENED);
    const { placedAt, recorded } = await sellAndSync('9999-12-31T23:59:00+05:30', OPENED);
    expect(placedAt).toBe(at(OPENED));
    expect(recorded?.data).toMatchObject({
      conflicts: [
        {
          kind: 'outside_offline_window',
          path: 'occurredAt',
          detail: expect.stringMatching(/ahead of the ledger's clock; placed at/),
        },
      ],
    });
    if (placedAt !== at(OPENED)) tally.misdated.push('replayed 9999');
  });

  it('older than the offline window keeps its time and is flagged for a manager', async () => {
    ledgerNow = new Date(OPENED);
    const { placedAt, recorded } = await sellAndSync('2026-11-20T12:00:00+05:30', OPENED);
    expect(placedAt).toBe(at('2026-11-20T12:00:00+05:30'));
    expect(recorded?.data).toMatchObject({
      conflicts: [
        { kind: 'outside_offline_window', detail: expect.stringMatching(/4 days before the ledger received it/) },
      ],
    });
  });

  it('within the tolerance and the window is accepted as the till dated it', async () => {
    ledgerNow = new Date(OPENED);
    const { placedAt, recorded } = await sellAndSync('2026-11-24T11:00:00+05:30', '2026-11-24T13:06:00+05:30');
    expect(placedAt).toBe(at('2026-11-24T11:00:00+05:30'));
    expect(recorded).toBeUndefined();
    expect(till.status().clockSkewMs).toBe(60_000);
  });
});
