import { randomUUID } from 'node:crypto';
import {
  DomainError,
  envelopeEvents,
  eventRegistry,
  orderDecider,
  orderStreamId,
  ReplayResponse,
  type EventEnvelope,
} from '@possier/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedger, uuidv7, type Ledger } from '../testing/ledger-harness.js';
import { ok, seedRestaurant, type Restaurant } from '../testing/seed.js';

let ledger: Ledger;
let restaurant: Restaurant;

beforeAll(async () => {
  ledger = await startLedger();
  restaurant = await seedRestaurant(ledger);
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

/** A sale to `customerId` decided on register R1 with the shared decider, as its outbox holds it. */
const offlineSaleTo = (customerId: string): EventEnvelope[] => {
  const { ids } = restaurant;
  const orderId = uuidv7();
  const decision = orderDecider.decide(
    {
      type: 'PlaceOrder',
      data: {
        orderId,
        storeId: ids.storeA,
        registerId: ids.r1,
        shiftId: null,
        channel: 'takeaway',
        customerId,
        lines: [{ lineId: randomUUID(), itemId: ids.cola, quantity: 1, modifierIds: [] }],
        tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 10_000, tipPaise: 0 }],
      },
      context: {
        store: { storeId: ids.storeA, stateCode: '27' },
        catalog: {
          [ids.cola]: {
            itemId: ids.cola,
            name: 'Cola',
            hsnSac: '22021010',
            unitPricePaise: 6_000,
            priceIncludesTax: true,
            taxRateBasisPoints: 1_800,
            kind: 'item',
            active: true,
            recipe: [],
          },
        },
        customer: { customerId, status: 'active' },
      },
    },
    orderDecider.initialState(),
  );
  if (decision instanceof DomainError) throw decision;
  const commandId = uuidv7();
  return envelopeEvents(decision, {
    streamId: orderStreamId(orderId),
    eventIds: decision.map(() => uuidv7()),
    schemaVersionOf: (type) => eventRegistry.currentVersion(type),
    metadata: {
      orgId: ids.org,
      brandId: ids.brand,
      storeId: ids.storeA,
      registerId: ids.r1,
      actorId: ids.r1,
      occurredAt: '2026-11-24T21:40:00+05:30',
      causationId: commandId,
      correlationId: commandId,
    },
  });
};

const replay = async (events: EventEnvelope[]) =>
  ReplayResponse.parse(
    ok(
      await ledger.post(`/v1/registers/${restaurant.ids.r1}/replay`, restaurant.r1Token, {
        registerId: restaurant.ids.r1,
        batchId: uuidv7(),
        events,
      }),
    ).body,
  );

describe('replayed sales that name a customer', () => {
  it('refuses a sale to a customer the org never registered, naming the field, and stores none of it', async () => {
    const sale = offlineSaleTo(randomUUID());
    const { verdicts } = await replay(sale);
    expect(verdicts[0]).toMatchObject({
      verdict: 'rejected',
      error: { code: 'ORDER.UNKNOWN_CUSTOMER', path: 'data.customerId' },
    });
    expect(verdicts.every((verdict) => verdict.verdict === 'rejected')).toBe(true);
    const { rows } = await ledger.store.pool.query(`SELECT 1 FROM events WHERE stream_id = $1`, [sale[0]?.streamId]);
    expect(rows).toHaveLength(0);
  });

  it('keeps a sale to a customer who was erased while the register was offline: the sale happened', async () => {
    const customerId = randomUUID();
    ok(
      await ledger.command('/v1/customers', restaurant.ownerToken, {
        customerId,
        name: 'Anil Kapoor',
        phone: '99887 76655',
        consent: { marketing: false, loyalty: false },
      }),
    );
    const sale = offlineSaleTo(customerId);
    ok(await ledger.command(`/v1/customers/${customerId}/forget`, restaurant.ownerToken, { customerId }));
    const { verdicts } = await replay(sale);
    expect(verdicts.map((verdict) => verdict.verdict)).toEqual(sale.map(() => 'accepted'));
  });
});
