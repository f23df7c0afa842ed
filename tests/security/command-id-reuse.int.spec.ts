import { randomUUID } from 'node:crypto';
import { seedRestaurant, startLedger, uuidv7, type Ledger, type Restaurant } from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * A command id is an idempotency key: the same request sent again is answered with what it did
 * the first time; a different request under a used id is refused by name, never answered as if it
 * had run. And a field no command declares is refused by its path, never dropped.
 */

const AT = '2026-11-24T13:05:00+05:30';

let ledger: Ledger;
let shop: Restaurant;

beforeAll(async () => {
  ledger = await startLedger();
  shop = await seedRestaurant(ledger);
}, 120_000);

afterAll(async () => {
  await ledger?.close();
});

const sale = (orderId: string, quantity: number) => ({
  orderId,
  storeId: shop.ids.storeA,
  channel: 'dine_in',
  lines: [{ lineId: randomUUID(), itemId: shop.ids.cola, quantity }],
  tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 6_000 * quantity }],
});

const place = (commandId: string, data: unknown) =>
  ledger.post('/v1/orders', shop.r1Token, { commandId, occurredAt: AT, data });

const orderEvents = (orderId: string) => ledger.store.readStream({ orgId: shop.ids.org, streamId: `order-${orderId}` });

describe('a command id sent again', () => {
  it('with the same body is answered with the first result, marked replayed, appending nothing', async () => {
    const commandId = uuidv7();
    const data = sale(randomUUID(), 1);
    const first = await place(commandId, data);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const again = await place(commandId, data);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await orderEvents(data.orderId)).toHaveLength((first.body as { events: unknown[] }).events.length);
  });

  it('with a different body for the same order is refused as a reused id, and the order is as it was', async () => {
    const commandId = uuidv7();
    const data = sale(randomUUID(), 1);
    expect((await place(commandId, data)).status).toBe(200);
    const before = await orderEvents(data.orderId);
    const changed = await place(commandId, {
      ...data,
      lines: [{ ...data.lines[0], quantity: 2 }],
      tenders: [{ ...data.tenders[0], amountPaise: 12_000 }],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(409);
    expect(changed.headers.get('idempotent-replayed')).toBeNull();
    expect(changed.body).toMatchObject({
      error: { code: 'CONFLICT.COMMAND_ID_REUSED', path: 'commandId', reason: expect.stringMatching(/different body/) },
    });
    expect(await orderEvents(data.orderId)).toEqual(before);
  });

  it('for another command on the same stream is refused as a reused id', async () => {
    const commandId = uuidv7();
    const data = sale(randomUUID(), 1);
    expect((await place(commandId, data)).status).toBe(200);
    const voided = await ledger.post(`/v1/orders/${data.orderId}/void`, shop.ownerToken, {
      commandId,
      occurredAt: AT,
      data: { orderId: data.orderId, reason: 'customer left' },
    });
    expect(voided.status, JSON.stringify(voided.body)).toBe(409);
    expect(voided.body).toMatchObject({ error: { code: 'CONFLICT.COMMAND_ID_REUSED', path: 'commandId' } });
  });

  it('for another order is refused as a reused id too, and that order is never placed', async () => {
    const commandId = uuidv7();
    expect((await place(commandId, sale(randomUUID(), 1))).status).toBe(200);
    const other = sale(randomUUID(), 1);
    const answer = await place(commandId, other);
    expect(answer.status, JSON.stringify(answer.body)).toBe(409);
    expect(answer.body).toMatchObject({ error: { code: 'CONFLICT.COMMAND_ID_REUSED', path: 'commandId' } });
    expect(await orderEvents(other.orderId)).toEqual([]);
  });
});

describe('a field no command declares', () => {
  it('is refused with its path, in data, beside it, or in a line, and nothing is appended', async () => {
    const orderId = randomUUID();
    const data = sale(orderId, 1);
    const cases: Array<[unknown, string]> = [
      [{ commandId: uuidv7(), occurredAt: AT, data: { ...data, extra: true } }, 'data.extra'],
      [{ commandId: uuidv7(), occurredAt: AT, data, extra: true }, 'extra'],
      [
        { commandId: uuidv7(), occurredAt: AT, data: { ...data, lines: [{ ...data.lines[0], unitPricePaise: 1 }] } },
        'data.lines.0.unitPricePaise',
      ],
    ];
    for (const [body, path] of cases) {
      const answer = await ledger.post('/v1/orders', shop.r1Token, body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'VALIDATION.INVALID', path } });
    }
    expect(await orderEvents(orderId)).toEqual([]);
  });
});
