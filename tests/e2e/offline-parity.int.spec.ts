import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandRoutes, type EventEnvelope } from '@possier/events';
import { eventually, seedRestaurant, startLedger, uuidv7, type Ledger, type Restaurant } from '@possier/ledger/testing';
import { openRegister, SaleRefusedError, type RegisterAgent } from '@possier/register';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * One rule, one piece of code: a till deciding a sale offline and the ledger deciding it online
 * run the same declaration and decider, so for any sale they must produce the same events — the
 * same types, data (prices, GST, rounding, change, stock depletion) and tenancy — or refuse it
 * with the same code. Only what is minted per decision differs: event ids and the moment.
 */

let ledger: Ledger;
let shop: Restaurant;
let till: RegisterAgent;
let dataDir: string;

beforeAll(async () => {
  ledger = await startLedger();
  shop = await seedRestaurant(ledger);
  dataDir = mkdtempSync(join(tmpdir(), 'possier-parity-'));
  till = openRegister({ dataDir, ledgerUrl: ledger.url, token: shop.r1Token });
  // The catalog is read from the global log up to the oldest running transaction: pull until the menu is there.
  await eventually(async () => {
    await till.sync();
    expect(till.status().catalogItems).toBe(3);
  });
}, 120_000);

afterAll(async () => {
  till?.close();
  await ledger?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** What must agree: everything but the ids and time minted for each decision. */
const comparable = (events: ReadonlyArray<EventEnvelope>) =>
  events.map(({ type, schemaVersion, streamId, orgId, brandId, storeId, registerId, actorId, data }) => ({
    type,
    schemaVersion,
    streamId,
    orgId,
    brandId,
    storeId,
    registerId,
    actorId,
    data,
  }));

const saleArbitrary = () =>
  fc.record({
    channel: fc.constantFrom('dine_in' as const, 'takeaway' as const, 'delivery' as const),
    lines: fc.array(
      fc.record({
        item: fc.constantFrom('pizza' as const, 'cola' as const),
        quantity: fc.integer({ min: 1, max: 12 }),
        cheese: fc.boolean(),
        discount: fc.option(
          fc.oneof(
            fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 1, max: 10_000 }) }),
            fc.record({ kind: fc.constant('amount' as const), amountPaise: fc.integer({ min: 1, max: 50_000 }) }),
          ),
          { nil: undefined },
        ),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    tenders: fc.array(
      fc.record({
        kind: fc.constantFrom('cash' as const, 'card' as const, 'upi' as const),
        amountPaise: fc.integer({ min: 1_000, max: 600_000 }),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    /** Most sales end with cash enough for any bill (₹30,000); the rest may be short, and are refused. */
    settled: fc.constantFrom(true, true, true, false),
  });

type Sale = ReturnType<ReturnType<typeof saleArbitrary>['generate']>['value'];

const requestOf = (sale: Sale, orderId: string) => ({
  orderId,
  channel: sale.channel,
  lines: sale.lines.map((line, index) => ({
    lineId: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    itemId: shop.ids[line.item],
    quantity: line.quantity,
    modifierIds: line.item === 'pizza' && line.cheese ? [shop.ids.cheese] : [],
    ...(line.discount ? { discount: { ...line.discount, reason: 'regular' } } : {}),
  })),
  tenders: [...sale.tenders, ...(sale.settled ? [{ kind: 'cash' as const, amountPaise: 3_000_000 }] : [])].map(
    (tender, index) => ({ paymentId: `00000000-0000-4000-9000-${String(index + 1).padStart(12, '0')}`, ...tender }),
  ),
});

describe('a sale decided offline by a till and online by the ledger', () => {
  it('gives the same events, or the same refusal, for any sale', async () => {
    let decided = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(saleArbitrary(), async (sale) => {
        const orderId = uuidv7();
        const request = requestOf(sale, orderId);
        let offline: EventEnvelope[] | { code: string };
        try {
          offline = till.till.checkout(request).events;
        } catch (error) {
          if (!(error instanceof SaleRefusedError)) throw error;
          offline = { code: error.error.code };
        }
        const online = await ledger.post(commandRoutes.placeOrder.path, shop.r1Token, {
          commandId: uuidv7(),
          occurredAt: '2026-11-24T13:05:00+05:30',
          data: { ...request, storeId: shop.ids.storeA, registerId: shop.ids.r1 },
        });
        if (!Array.isArray(offline)) {
          refused += 1;
          expect(online.status, JSON.stringify(online.body)).toBeGreaterThanOrEqual(400);
          expect((online.body as { error: { code: string } }).error.code).toBe(offline.code);
          return;
        }
        decided += 1;
        expect(online.status, JSON.stringify(online.body)).toBe(200);
        const stored = await ledger.store.readStream({ orgId: shop.ids.org, streamId: `order-${orderId}` });
        expect(comparable(stored)).toEqual(comparable(offline));
      }),
      { numRuns: 40, seed: 19_2026 },
    );
    // The generator must reach both sides of the rule, or the property proves little.
    expect(decided).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  }, 300_000);
});
