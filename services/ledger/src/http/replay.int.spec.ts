import { randomUUID } from 'node:crypto';
import {
  DomainError,
  envelopeEvents,
  eventRegistry,
  orderDecider,
  orderStreamId,
  type CatalogView,
  type EventEnvelope,
  type PlaceOrder,
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

/** What the register had in its catalog cache while offline: the same menu the server has. */
const registerCatalog = (): CatalogView => {
  const { pizza, dough } = restaurant.ids;
  return {
    [pizza]: {
      itemId: pizza,
      name: 'Margherita',
      hsnSac: '996331',
      unitPricePaise: 32_500,
      priceIncludesTax: false,
      taxRateBasisPoints: 500,
      kind: 'item',
      active: true,
      recipe: [{ stockItemId: dough, quantity: 250 }],
    },
  };
};

/** A checkout decided on the register with the shared decider, in envelopes as its outbox holds them. */
const offlineSale = (overrides: Partial<{ registerId: string; storeId: string }> = {}): EventEnvelope[] => {
  const { ids } = restaurant;
  const orderId = uuidv7();
  const command: PlaceOrder = {
    type: 'PlaceOrder',
    data: {
      orderId,
      storeId: ids.storeA,
      registerId: ids.r1,
      shiftId: null,
      channel: 'takeaway',
      lines: [{ lineId: randomUUID(), itemId: ids.pizza, quantity: 2, modifierIds: [] }],
      tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 70_000, tipPaise: 0 }],
    },
    context: { store: { storeId: ids.storeA, stateCode: '27' }, catalog: registerCatalog() },
  };
  const decision = orderDecider.decide(command, orderDecider.initialState());
  if (decision instanceof DomainError) throw decision;
  const commandId = uuidv7();
  return envelopeEvents(decision, {
    streamId: orderStreamId(orderId),
    eventIds: decision.map(() => uuidv7()),
    schemaVersionOf: (type) => eventRegistry.currentVersion(type),
    metadata: {
      orgId: ids.org,
      brandId: ids.brand,
      storeId: overrides.storeId ?? ids.storeA,
      registerId: overrides.registerId ?? ids.r1,
      actorId: ids.r1,
      occurredAt: '2026-11-24T21:40:00+05:30',
      causationId: commandId,
      correlationId: commandId,
    },
  });
};

const replay = (events: EventEnvelope[], token = restaurant.r1Token, registerId = restaurant.ids.r1) =>
  ledger.post(`/v1/registers/${registerId}/replay`, token, { registerId, batchId: uuidv7(), events });

describe('replaying an offline register’s outbox', () => {
  it('accepts a sale decided offline, then answers the same batch again as duplicates without storing twice', async () => {
    const sale = offlineSale();
    const first = ok(await replay(sale));
    expect(first.body.verdicts.map((verdict: { verdict: string }) => verdict.verdict)).toEqual(
      sale.map(() => 'accepted'),
    );
    const again = ok(await replay(sale));
    expect(again.body.verdicts.map((verdict: { verdict: string }) => verdict.verdict)).toEqual(
      sale.map(() => 'duplicate'),
    );
    const stored = await ledger.store.readStream(sale[0] as { orgId: string; streamId: string });
    expect(stored.map((event) => event.eventId)).toEqual(sale.map((event) => event.eventId));
  });

  it('rejects a sale whose total was edited after the decision, naming the field, with the rest of its decision', async () => {
    const sale = offlineSale();
    const [placed, ...rest] = sale as [EventEnvelope, ...EventEnvelope[]];
    const data = placed.data as { totals: { payablePaise: number } };
    const tampered = {
      ...placed,
      data: { ...data, totals: { ...data.totals, payablePaise: data.totals.payablePaise - 10_000 } },
    };
    const response = ok(await replay([tampered, ...rest]));
    expect(response.body.verdicts[0]).toMatchObject({
      verdict: 'rejected',
      error: { code: 'ORDER.TOTAL_MISMATCH', path: 'data.totals.payablePaise' },
    });
    for (const verdict of response.body.verdicts.slice(1)) {
      expect(verdict).toMatchObject({ verdict: 'rejected', error: { code: 'REPLAY.DECISION_REJECTED' } });
    }
    expect(await ledger.store.readStream(placed)).toEqual([]);
  });

  it('rejects a sale that claims to be imported: only an owner’s import marks events so', async () => {
    const sale = offlineSale();
    const marked = sale.map((event) => ({
      ...event,
      data: { ...(event.data as object), imported: { importId: randomUUID(), sourceLine: 2 } },
    }));
    const response = ok(await replay(marked));
    expect(response.body.verdicts[0]).toMatchObject({
      verdict: 'rejected',
      error: { code: 'AUTH.FORBIDDEN', path: 'data.imported' },
    });
    expect(await ledger.store.readStream(sale[0] as EventEnvelope)).toEqual([]);
  });

  it('rejects events recorded for another store or as another register, and keeps the good ones of the batch', async () => {
    const good = offlineSale();
    const otherStore = offlineSale({ storeId: restaurant.ids.storeB });
    const otherRegister = offlineSale({ registerId: restaurant.ids.r2 });
    const response = ok(await replay([...good, ...otherStore, ...otherRegister]));
    const verdicts = response.body.verdicts as Array<{ verdict: string; error?: { code: string; path: string } }>;
    expect(verdicts.slice(0, good.length).every((verdict) => verdict.verdict === 'accepted')).toBe(true);
    expect(verdicts[good.length]).toMatchObject({
      verdict: 'rejected',
      error: { code: 'AUTH.FORBIDDEN', path: 'storeId' },
    });
    expect(verdicts[good.length + otherStore.length]).toMatchObject({
      verdict: 'rejected',
      error: { path: 'registerId' },
    });
    expect(await ledger.store.readStream(otherStore[0] as { orgId: string; streamId: string })).toEqual([]);
  });

  it('refuses a payment or a void for an order that was never placed, storing nothing, and accepts a void of a stored sale', async () => {
    const sale = offlineSale();
    const placed = sale[0] as EventEnvelope;
    const followUp = (type: 'PaymentTendered' | 'OrderVoided', orderId: string, data: Record<string, unknown>) => {
      const commandId = uuidv7();
      return envelopeEvents([{ type, data: { orderId, ...data } }], {
        streamId: orderStreamId(orderId),
        eventIds: [uuidv7()],
        schemaVersionOf: (name) => eventRegistry.currentVersion(name),
        metadata: { ...placed, causationId: commandId, correlationId: commandId },
      });
    };
    const nowhere = randomUUID();
    const payment = followUp('PaymentTendered', nowhere, {
      paymentId: randomUUID(),
      kind: 'cash',
      amountPaise: 5_000,
      changePaise: 0,
      appliedPaise: 5_000,
      tipPaise: 0,
    });
    const voidOfNothing = followUp('OrderVoided', randomUUID(), { reason: 'test', reversedPaise: 0 });
    const refused = ok(await replay([...payment, ...voidOfNothing]));
    expect(refused.body.verdicts).toMatchObject([
      { verdict: 'rejected', error: { code: 'ORDER.NOT_FOUND', path: 'data.orderId' } },
      { verdict: 'rejected', error: { code: 'ORDER.NOT_FOUND', path: 'data.orderId' } },
    ]);
    expect(await ledger.store.readStream({ orgId: placed.orgId, streamId: orderStreamId(nowhere) })).toEqual([]);

    const { orderId, totals } = placed.data as { orderId: string; totals: { payablePaise: number } };
    const voided = followUp('OrderVoided', orderId, { reason: 'rung twice', reversedPaise: totals.payablePaise });
    const accepted = ok(await replay([...sale, ...voided]));
    expect(accepted.body.verdicts.map((verdict: { verdict: string }) => verdict.verdict)).toEqual(
      [...sale, ...voided].map(() => 'accepted'),
    );
  });

  it('lets only the register itself replay its outbox', async () => {
    expect((await replay(offlineSale(), restaurant.cashierToken)).status).toBe(403);
    const asOther = await replay(offlineSale(), restaurant.r1Token, restaurant.ids.r2);
    expect(asOther.status).toBe(403);
  });
});
