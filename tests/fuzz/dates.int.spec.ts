import { randomUUID } from 'node:crypto';
import { defaultClockPolicy, withOffset } from '@possier/events';
import { seedRestaurant, startLedger, uuidv7, type Ledger, type Restaurant } from '@possier/ledger/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Fixed, so a failure replays exactly; printed with the summary. */
const SEED = 20_261_205;
const RUNS = 200;
const NOW = Date.parse('2026-11-24T13:05:00+05:30');
const WINDOW = defaultClockPolicy.onlineSkewMs;

let ledger: Ledger;
let shop: Restaurant;
const tally = { cases: 0, outside: 0, misdated: [] as string[] };

beforeAll(async () => {
  ledger = await startLedger({ clock: () => new Date(NOW), clockPolicy: defaultClockPolicy });
  shop = await seedRestaurant(ledger);
}, 120_000);

afterAll(async () => {
  process.stdout.write(
    `fuzz: dates cases=${tally.cases}, outside-window=${tally.outside}, misdated=${tally.misdated.length} (seed ${SEED}, ${RUNS} runs)\n`,
  );
  await ledger?.close();
});

/** Any instant from 1000 to 9999, written with any whole-quarter-hour UTC offset a country uses. */
const dateTime = fc
  .record({
    millis: fc.oneof(
      fc.integer({ min: Date.parse('1000-01-01T00:00:00Z'), max: Date.parse('9999-12-30T00:00:00Z') }),
      fc.integer({ min: NOW - 2 * WINDOW, max: NOW + 2 * WINDOW }),
    ),
    offsetMinutes: fc.integer({ min: -48, max: 56 }).map((quarters) => quarters * 15),
  })
  .map(({ millis, offsetMinutes }) => ({ millis, text: withOffset(millis, offsetMinutes) }));

describe('an online checkout at any date', () => {
  it('is stored at its own time within the skew window, and refused naming occurredAt outside it', async () => {
    await fc.assert(
      fc.asyncProperty(dateTime, async ({ millis, text }) => {
        tally.cases += 1;
        const orderId = randomUUID();
        const response = await ledger.post('/v1/orders', shop.r1Token, {
          commandId: uuidv7(),
          occurredAt: text,
          data: {
            orderId,
            storeId: shop.ids.storeA,
            registerId: shop.ids.r1,
            channel: 'takeaway',
            lines: [{ lineId: randomUUID(), itemId: shop.ids.cola, quantity: 1, modifierIds: [] }],
            tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 10_000 }],
          },
        });
        const stored = await ledger.store.readStream({ orgId: shop.ids.org, streamId: `order-${orderId}` });
        if (Math.abs(millis - NOW) <= WINDOW) {
          expect(response.status, `${text}: ${JSON.stringify(response.body)}`).toBe(200);
          expect(stored.map((event) => event.occurredAt)).toEqual(stored.map(() => text));
          return;
        }
        tally.outside += 1;
        if (stored.length > 0) tally.misdated.push(text);
        expect(response.status, `${text}: ${JSON.stringify(response.body)}`).toBe(422);
        expect(response.body.error).toMatchObject({ code: 'TIME.OUT_OF_WINDOW', path: 'occurredAt' });
        expect(stored).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);
});
