import { randomUUID } from 'node:crypto';
import { uuidv7, type Ledger, type Restaurant } from '@possier/ledger/testing';

/** The ids of the org under attack that an intruder would aim at: its tenancy, catalog and records. */
export type Victim = Restaurant['ids'] & {
  orderId: string;
  lineId: string;
  cardPaymentId: string;
  openShiftId: string;
  invoiceId: string;
  /** A customer registered in the victim org, whose details are encrypted in its events. */
  customerId: string;
  customerPhone: string;
  invoiceLineId: string;
  /** A tab running on a table of the victim's store A, with one line fired. */
  tabId: string;
  tabLineId: string;
  /** A business date on which the victim's stores have events. */
  businessDate: string;
};

/** Reads the victim's real order, shift and invoice ids from the log, so every attack names a real target. */
export const victimOf = async (ledger: Ledger, shop: Restaurant, orderId: string): Promise<Victim> => {
  const one = async (sql: string, values: unknown[]): Promise<string> => {
    const { rows } = await ledger.store.pool.query<{ value: string }>(sql, values);
    const value = rows[0]?.value;
    if (!value) throw new Error(`the victim org has nothing for: ${sql}`);
    return value;
  };
  const org = shop.ids.org;
  const customerId = randomUUID();
  const customerPhone = `+9198${String(Number.parseInt(org.slice(0, 8), 16) % 100_000_000).padStart(8, '0')}`;
  const registered = await ledger.post('/v1/customers', shop.ownerToken, {
    commandId: uuidv7(),
    occurredAt: '2026-11-24T12:00:00+05:30',
    data: {
      customerId,
      storeId: shop.ids.storeA,
      name: 'Kavya Iyer',
      phone: customerPhone,
      consent: { marketing: true, loyalty: true },
    },
  });
  if (registered.status !== 200)
    throw new Error(`could not register the victim's customer: ${JSON.stringify(registered.body)}`);
  const tabId = uuidv7();
  const tabLineId = randomUUID();
  for (const [path, data] of [
    ['/v1/tabs', { orderId: tabId, storeId: shop.ids.storeA, table: 'T7', covers: 2 }],
    [
      `/v1/tabs/${tabId}/rounds`,
      { orderId: tabId, roundId: randomUUID(), lines: [{ lineId: tabLineId, itemId: shop.ids.cola, quantity: 1 }] },
    ],
  ] as const) {
    const sent = await ledger.post(path, shop.ownerToken, {
      commandId: uuidv7(),
      occurredAt: '2026-11-24T12:00:00+05:30',
      data,
    });
    if (sent.status !== 200) throw new Error(`could not open the victim's tab: ${JSON.stringify(sent.body)}`);
  }
  return {
    ...shop.ids,
    orderId,
    tabId,
    tabLineId,
    lineId: await one(
      `SELECT data->'lines'->0->>'lineId' AS value FROM events WHERE org_id = $1 AND type = 'OrderPlaced' AND data->>'orderId' = $2`,
      [org, orderId],
    ),
    cardPaymentId: await one(
      `SELECT data->>'paymentId' AS value FROM events
        WHERE org_id = $1 AND type = 'PaymentTendered' AND data->>'orderId' = $2 AND data->>'kind' = 'card'`,
      [org, orderId],
    ),
    openShiftId: await one(
      `SELECT data->>'shiftId' AS value FROM events WHERE org_id = $1 AND type = 'ShiftOpened'
          AND data->>'shiftId' NOT IN (SELECT data->>'shiftId' FROM events WHERE org_id = $1 AND type = 'ShiftClosed')`,
      [org],
    ),
    invoiceId: await one(
      `SELECT data->>'invoiceId' AS value FROM events WHERE org_id = $1 AND type = 'InvoiceIssued' ORDER BY global_position LIMIT 1`,
      [org],
    ),
    customerId,
    customerPhone,
    invoiceLineId: await one(
      `SELECT data->'lines'->0->>'lineId' AS value FROM events WHERE org_id = $1 AND type = 'InvoiceIssued' ORDER BY global_position LIMIT 1`,
      [org],
    ),
    businessDate: '2026-11-24',
  };
};
