import { randomUUID } from 'node:crypto';
import { gstinCheckCharacter } from '@possier/events';
import { uuidv7, type Ledger } from './ledger-harness.js';
import { ok, type Restaurant } from './seed.js';

/**
 * Two business days of store A (and one sale in store B) with figures worked out by hand, for the
 * reports' tests. Menu (see seed.ts): Margherita ₹325 + extra cheese ₹50 at 5 % on top (SAC
 * 996331); cola ₹60 with 18 % included (HSN 22021010). Store A is in Maharashtra (27), B in
 * Karnataka (29).
 *
 * The "standard" bill — 2 × Margherita with cheese, 1 cola:
 *   pizza line  gross 75,000  taxable 75,000  CGST 1,875  SGST 1,875
 *   cola line   gross  6,000  taxable  5,084  CGST   458  SGST   458  (6,000 × 100/118 = 5,085 base; 9 % = 458)
 *   bill        gross 81,000  taxable 80,084  tax 4,666  total 84,750  round-off +50  payable 84,800
 *   tendered    card 50,000 + cash 40,000: cash applied 34,800, change 5,200
 *
 * 2026-11-24  08:00  the owner names the pizza recipe's stock item "Pizza dough", in g
 *             13:05  O1 standard bill (store A, R1)
 *             20:30  O2 one cola, UPI 6,000 (store A, R1): payable 6,000, taxable 5,084, tax 916
 *             14:00  O4 one Margherita, card 34,100 (store B, owner): taxable 32,500, tax 1,626
 *                    (812.5 → 813 each), total 34,126, round-off −26, payable 34,100
 *             09:00  S1 opened on R1 with a ₹2,000 float; ₹150 paid out; closed 23:10 with O1's
 *                    cash (40,000 taken, 5,200 change): expected 2,00,000 − 15,000 + 40,000 −
 *                    5,200 = 2,19,800, counted 2,18,000, variance −1,800
 *             INV-1  B2B, store A to a Karnataka buyer (inter-state, IGST): 10 × Margherita,
 *                    taxable 3,25,000, IGST 16,250, payable 3,41,300 (+50); net 15 days, due
 *                    2026-12-09; ₹1,000 received 2026-11-30 → outstanding 2,41,300
 * 2026-11-25  09:10  O3 standard bill (store A, R1), voided 09:30
 *             11:00  O1's cola refunded in cash: 6,000 (taxable 5,084, CGST 458, SGST 458)
 *             10:00  S2 opened on R2 with a ₹1,000 float and ₹50 paid in; still open
 *             22:00  dough counted in store A: 12,000 g (store B stays at −250 g)
 * 2026-08-01  INV-2  B2B, store A to a Maharashtra buyer (intra-state): 5 colas, payable 30,000,
 *                    due the same day, marked overdue as of 2026-09-01
 */
export const playReportScenario = async (ledger: Ledger, shop: Restaurant) => {
  const { org, brand, storeA, storeB, r2, pizza, cheese, cola, dough, cashierA } = shop.ids;
  const send = async (path: string, token: string, occurredAt: string, data: unknown) =>
    ok(await ledger.post(path, token, { commandId: uuidv7(), occurredAt, data }));
  const r2Token = await ledger.token({ kind: 'register', orgId: org, brandId: brand, storeId: storeA, registerId: r2 });
  const colaLine = randomUUID();
  const standard = (orderId: string, lineId = randomUUID(), shiftId: string | null = null) => ({
    orderId,
    storeId: storeA,
    shiftId,
    channel: 'dine_in',
    lines: [
      { lineId: randomUUID(), itemId: pizza, quantity: 2, modifierIds: [cheese] },
      { lineId, itemId: cola, quantity: 1 },
    ],
    tenders: [
      { paymentId: randomUUID(), kind: 'card', amountPaise: 50_000 },
      { paymentId: randomUUID(), kind: 'cash', amountPaise: 40_000 },
    ],
  });
  const orders = { o1: uuidv7(), o2: uuidv7(), o3: uuidv7(), o4: uuidv7() };
  const shifts = { s1: randomUUID(), s2: randomUUID() };
  const invoices = { inv1: randomUUID(), inv2: randomUUID() };

  // The owner names the ingredient the pizza recipe uses, so the stock report shows its name.
  await send('/v1/stock/items', shop.ownerToken, '2026-11-24T08:00:00+05:30', {
    stockItemId: dough,
    orgId: org,
    name: 'Pizza dough',
    unit: 'g',
    at: '2026-11-24T08:00:00+05:30',
  });
  await send('/v1/shifts', shop.r1Token, '2026-11-24T09:00:00+05:30', {
    shiftId: shifts.s1,
    storeId: storeA,
    registerId: shop.ids.r1,
    openedBy: cashierA,
    floatPaise: 200_000,
    openedAt: '2026-11-24T09:00:00+05:30',
  });
  await send(`/v1/shifts/${shifts.s1}/cash-movements`, shop.r1Token, '2026-11-24T12:00:00+05:30', {
    shiftId: shifts.s1,
    movementId: randomUUID(),
    direction: 'out',
    amountPaise: 15_000,
    reason: 'milk from the corner shop',
    at: '2026-11-24T12:00:00+05:30',
  });
  await send('/v1/orders', shop.r1Token, '2026-11-24T13:05:00+05:30', standard(orders.o1, colaLine, shifts.s1));
  await send('/v1/orders', shop.r1Token, '2026-11-24T20:30:00+05:30', {
    orderId: orders.o2,
    storeId: storeA,
    channel: 'takeaway',
    lines: [{ lineId: randomUUID(), itemId: cola, quantity: 1 }],
    tenders: [{ paymentId: randomUUID(), kind: 'upi', amountPaise: 6_000 }],
  });
  await send('/v1/orders', shop.ownerToken, '2026-11-24T14:00:00+05:30', {
    orderId: orders.o4,
    storeId: storeB,
    channel: 'dine_in',
    lines: [{ lineId: randomUUID(), itemId: pizza, quantity: 1 }],
    tenders: [{ paymentId: randomUUID(), kind: 'card', amountPaise: 34_100 }],
  });
  await send(`/v1/shifts/${shifts.s1}/close`, shop.r1Token, '2026-11-24T23:10:00+05:30', {
    shiftId: shifts.s1,
    countedCashPaise: 218_000,
    closedAt: '2026-11-24T23:10:00+05:30',
    closedBy: cashierA,
  });

  await send('/v1/orders', shop.r1Token, '2026-11-25T09:10:00+05:30', standard(orders.o3));
  await send(`/v1/orders/${orders.o3}/void`, shop.r1Token, '2026-11-25T09:30:00+05:30', {
    orderId: orders.o3,
    reason: 'rung up on the wrong table',
  });
  await send(`/v1/orders/${orders.o1}/refunds`, shop.ownerToken, '2026-11-25T11:00:00+05:30', {
    orderId: orders.o1,
    refundId: randomUUID(),
    reason: 'flat cola',
    tender: { kind: 'cash' },
    scope: 'lines',
    lines: [{ lineId: colaLine, quantity: 1 }],
  });
  await send('/v1/shifts', r2Token, '2026-11-25T10:00:00+05:30', {
    shiftId: shifts.s2,
    storeId: storeA,
    registerId: r2,
    openedBy: cashierA,
    floatPaise: 100_000,
    openedAt: '2026-11-25T10:00:00+05:30',
  });
  await send(`/v1/shifts/${shifts.s2}/cash-movements`, r2Token, '2026-11-25T10:05:00+05:30', {
    shiftId: shifts.s2,
    movementId: randomUUID(),
    direction: 'in',
    amountPaise: 5_000,
    reason: 'change from the safe',
    at: '2026-11-25T10:05:00+05:30',
  });

  const margherita = {
    itemId: pizza,
    name: 'Margherita',
    hsnSac: '996331',
    unitPricePaise: 32_500,
    priceIncludesTax: false,
    taxRateBasisPoints: 500,
  };
  const colaEntry = {
    itemId: cola,
    name: 'Cola 300 ml',
    hsnSac: '22021010',
    unitPricePaise: 6_000,
    priceIncludesTax: true,
    taxRateBasisPoints: 1_800,
  };
  await send('/v1/invoices', shop.ownerToken, '2026-11-24T16:00:00+05:30', {
    invoiceId: invoices.inv1,
    orgId: org,
    storeId: storeA,
    invoiceNumber: 'INV/26-27/0001',
    supplierStateCode: '27',
    customer: {
      customerId: randomUUID(),
      legalName: 'Bengaluru Caterers LLP',
      gstin: `29AAPFU0939F1Z${gstinCheckCharacter('29AAPFU0939F1Z')}`,
      stateCode: '29',
    },
    lines: [{ lineId: randomUUID(), item: margherita, quantity: 10 }],
    issueDate: '2026-11-24',
    paymentTerms: { netDays: 15 },
  });
  await send(`/v1/invoices/${invoices.inv1}/payments`, shop.ownerToken, '2026-11-30T12:00:00+05:30', {
    invoiceId: invoices.inv1,
    paymentId: randomUUID(),
    amountPaise: 100_000,
    method: 'bank_transfer',
    receivedOn: '2026-11-30',
  });
  await send('/v1/invoices', shop.ownerToken, '2026-08-01T12:00:00+05:30', {
    invoiceId: invoices.inv2,
    orgId: org,
    storeId: storeA,
    invoiceNumber: 'INV/26-27/0002',
    supplierStateCode: '27',
    customer: {
      customerId: randomUUID(),
      legalName: 'Pune Events Pvt Ltd',
      gstin: '27AAPFU0939F1ZV',
      stateCode: '27',
    },
    lines: [{ lineId: randomUUID(), item: colaEntry, quantity: 5 }],
    issueDate: '2026-08-01',
    paymentTerms: { netDays: 0 },
  });
  await send(`/v1/invoices/${invoices.inv2}/overdue`, shop.ownerToken, '2026-09-01T09:00:00+05:30', {
    invoiceId: invoices.inv2,
    asOf: '2026-09-01',
  });

  // Last, so that once it shows in the stock report every earlier event has been projected.
  await send('/v1/stock/adjustments', shop.cashierToken, '2026-11-25T22:00:00+05:30', {
    stockItemId: dough,
    storeId: storeA,
    adjustmentId: uuidv7(),
    occurredAt: '2026-11-25T22:00:00+05:30',
    reason: 'count',
    countedQuantity: 12_000,
  });
  return { orders, shifts, invoices };
};

/** Adds a user to the org as its owner would, with the given grants, and returns the user's token. */
export const addUser = async (
  ledger: Ledger,
  shop: Restaurant,
  name: string,
  grants: ReadonlyArray<{ role: string; scope: Record<string, string> }>,
): Promise<{ userId: string; token: string }> => {
  const userId = randomUUID();
  ok(
    await ledger.command('/v1/users', shop.ownerToken, {
      orgId: shop.ids.org,
      userId,
      name,
      email: `${name.toLowerCase()}@example.in`,
    }),
  );
  for (const grant of grants) {
    ok(
      await ledger.command(`/v1/users/${userId}/roles`, shop.ownerToken, {
        orgId: shop.ids.org,
        userId,
        ...grant,
      }),
    );
  }
  return { userId, token: await ledger.token({ kind: 'user', orgId: shop.ids.org, userId }) };
};
