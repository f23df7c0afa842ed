import { checkout } from './commands.js';
import { BRAND, COLA, CORPORATE_CUSTOMER, EXTRA_CHEESE, MARGHERITA, ORG, STORE, STORE_STATE, id } from './fixtures.js';
import { createTestLedger, type TestLedger } from './ledger.js';

export const LUNCH = '2026-11-24T13:05:00+05:30';
export const NEXT_MORNING = '2026-11-25T11:00:00+05:30';
export const NEXT_EVENING = '2026-11-25T19:30:00+05:30';

export const LUNCH_ORDER = id(0x0_0001);
export const LUNCH_LINE_PIZZA = id(0x1_0001);
export const LUNCH_LINE_COLA = id(0x1_0002);
export const LUNCH_CARD = id(0x2_0001);
export const LUNCH_CASH = id(0x2_0002);

/** The store, as the tenancy stream creates it. */
export const withStore = () => {
  const ledger = createTestLedger();
  ledger.createStore(
    { orgId: ORG, storeId: STORE, brandId: BRAND, name: 'Bandra', timeZone: 'Asia/Kolkata', stateCode: STORE_STATE },
    '2026-11-01T10:00:00+05:30',
  );
  return ledger;
};

/**
 * Lunch on 24 November: 2 × Margherita with extra cheese and a cola, part card (with a tip),
 * part cash with change.
 *
 * Pizza line: (32500 + 5000) × 2 = 75000 taxable; CGST = SGST = round(75000 × 2.5 %) = 1875;
 * total 78750. Cola, 6000 with 18 % inside: round(6000 / 1.18) = 5085, CGST = SGST =
 * round(5085 × 9 %) = round(457.65) = 458, taxable 6000 − 916 = 5084, total 6000.
 * Bill: gross 81000, taxable 80084, CGST = SGST = 2333, tax 4666, total 84750, rounded half up to
 * ₹848: round-off +50, payable 84800. Card 50000 (+ 2000 tip), cash 40000: change 5200, so cash
 * applied 34800; 50000 + 34800 = 84800.
 */
export const lunch = (ledger = withStore()) => {
  ledger.order(
    LUNCH_ORDER,
    checkout(
      LUNCH_ORDER,
      [
        { lineId: LUNCH_LINE_PIZZA, itemId: MARGHERITA.itemId, quantity: 2, modifierIds: [EXTRA_CHEESE.itemId] },
        { lineId: LUNCH_LINE_COLA, itemId: COLA.itemId, quantity: 1 },
      ],
      [
        { paymentId: LUNCH_CARD, kind: 'card', amountPaise: 50_000, tipPaise: 2_000 },
        { paymentId: LUNCH_CASH, kind: 'cash', amountPaise: 40_000 },
      ],
      { orderNumber: 'B-101' },
    ),
    LUNCH,
    STORE,
  );
  return ledger;
};

export const REFUND_ONE_PIZZA = id(0x3_0001);
export const REFUND_THE_REST = id(0x3_0002);

/**
 * The next morning one pizza goes back by card: half the pizza line. Taxable 75000 × 1/2 = 37500;
 * CGST = SGST = round(1875 / 2) = round(937.5) = 938; total 39376; no round-off yet.
 */
export const refundOnePizza = (ledger: ReturnType<typeof lunch>, at = NEXT_MORNING) =>
  ledger.order(
    LUNCH_ORDER,
    {
      type: 'RefundOrder',
      data: {
        orderId: LUNCH_ORDER,
        refundId: REFUND_ONE_PIZZA,
        reason: 'cold pizza',
        scope: 'lines',
        lines: [{ lineId: LUNCH_LINE_PIZZA, quantity: 1 }],
        tender: { kind: 'card' },
      },
    },
    at,
    STORE,
  );

/**
 * The rest, in cash, that evening: the other pizza (75000 − 37500 = 37500 taxable, CGST = SGST =
 * 1875 − 938 = 937, total 39374) and the cola (6000), plus the bill's round-off of +50:
 * 39374 + 6000 + 50 = 45424. Both refunds: 39376 + 45424 = 84800, the payable.
 */
export const refundTheRest = (ledger: ReturnType<typeof lunch>, at = NEXT_EVENING) =>
  ledger.order(
    LUNCH_ORDER,
    {
      type: 'RefundOrder',
      data: {
        orderId: LUNCH_ORDER,
        refundId: REFUND_THE_REST,
        reason: 'guest left',
        scope: 'full',
        tender: { kind: 'cash' },
      },
    },
    at,
    STORE,
  );

export const DINNER_ORDER = id(0x0_0002);
export const DINNER_CASH = id(0x2_0003);
export const DINNER = '2026-11-24T20:15:00+05:30';
export const DINNER_VOIDED_AT = '2026-11-24T20:20:00+05:30';

/** One Margherita in cash (34126 rounded down to 34100), voided five minutes later. */
export const voidedDinner = (ledger = withStore(), voidedAt = DINNER_VOIDED_AT) => {
  ledger.order(
    DINNER_ORDER,
    checkout(
      DINNER_ORDER,
      [{ lineId: id(0x1_0003), itemId: MARGHERITA.itemId, quantity: 1 }],
      [{ paymentId: DINNER_CASH, kind: 'cash', amountPaise: 34_100 }],
    ),
    DINNER,
    STORE,
  );
  ledger.order(
    DINNER_ORDER,
    { type: 'VoidOrder', data: { orderId: DINNER_ORDER, reason: 'rung up twice' } },
    voidedAt,
    STORE,
  );
  return ledger;
};

/** One Margherita paid exactly in cash: 32500 + 813 + 813 = 34126, payable ₹341 = 34100. */
export const sellOnePizza = (
  ledger: ReturnType<typeof createTestLedger>,
  orderId: string,
  at: string,
  storeId: string = STORE,
) =>
  ledger.order(
    orderId,
    checkout(
      orderId,
      [{ lineId: id(0x1_0000 + ledger.events.length), itemId: MARGHERITA.itemId, quantity: 1 }],
      [{ paymentId: id(0x2_0000 + ledger.events.length), kind: 'cash', amountPaise: 34_100 }],
      { storeId },
    ),
    at,
    storeId,
  );

export const BANQUET_ORDER = id(0x0_0003);
export const BANQUET_LINE_PIZZA = id(0x1_0004);
export const BANQUET_LINE_COLA = id(0x1_0005);
export const BANQUET_UPI = id(0x2_0004);
export const BANQUET = '2026-11-24T21:40:00+05:30';

/**
 * A party's bill with everything a bill can carry: 3 × Margherita less 10 % on the line, 2 × cola
 * (18 % GST inside the price), ₹50 off the bill, 10 % service charge, paid by UPI with a ₹50 tip.
 *
 * Pizza: gross 97500, line discount 9750 → 87750. Cola: gross 12000. The ₹50 splits by largest
 * remainder over 87750 : 12000 → 4398 and 602, leaving 83352 and 11398 (94750). Service charge
 * 10 % = 9475, split 8335 and 1140. Pizza 83352 + 8335 = 91687 taxable, CGST = SGST =
 * round(2292.175) = 2292. Cola 11398 + 1140 = 12538 with tax inside: round(12538 / 1.18) = 10625,
 * CGST = SGST = round(956.25) = 956, taxable 12538 − 1912 = 10626. Bill: gross 109500, discount
 * 14750, service charge 9475, tax inside prices 1912, taxable 102313, tax 6496, total 108809,
 * rounded to ₹1,088: round-off −9, payable 108800.
 */
export const banquet = (ledger: ReturnType<typeof createTestLedger>, at = BANQUET) => {
  ledger.order(
    BANQUET_ORDER,
    checkout(
      BANQUET_ORDER,
      [
        {
          lineId: BANQUET_LINE_PIZZA,
          itemId: MARGHERITA.itemId,
          quantity: 3,
          discount: { kind: 'percent', basisPoints: 1_000, reason: 'regulars' },
        },
        { lineId: BANQUET_LINE_COLA, itemId: COLA.itemId, quantity: 2 },
      ],
      [{ paymentId: BANQUET_UPI, kind: 'upi', amountPaise: 108_800, tipPaise: 5_000 }],
      {
        orderNumber: 'B-102',
        orderDiscount: { kind: 'amount', amountPaise: 5_000, reason: 'birthday' },
        serviceCharge: { basisPoints: 1_000 },
      },
    ),
    at,
    STORE,
  );
  return ledger;
};

export const BIG_INVOICE = id(0x4_0001);
export const SMALL_INVOICE = id(0x4_0002);
export const TERMS_INVOICE = id(0x4_0003);

/** A tax invoice to a Karnataka company from this Maharashtra store: an inter-state supply. */
export const issueInvoice = (
  ledger: ReturnType<typeof createTestLedger>,
  invoiceId: string,
  invoiceNumber: string,
  pizzas: number,
  netDays: number,
  earlyPaymentDiscount?: { percentBasisPoints: number; withinDays: number },
) =>
  ledger.invoice(
    invoiceId,
    {
      type: 'IssueInvoice',
      data: {
        invoiceId,
        orgId: ORG,
        storeId: STORE,
        invoiceNumber,
        supplierStateCode: STORE_STATE,
        customer: CORPORATE_CUSTOMER,
        lines: [
          { lineId: id(0x5_0000 + Number.parseInt(invoiceNumber.slice(-2), 10)), item: MARGHERITA, quantity: pizzas },
        ],
        issueDate: '2026-11-24',
        paymentTerms: { netDays, ...(earlyPaymentDiscount ? { earlyPaymentDiscount } : {}) },
      },
    },
    '2026-11-24T16:00:00+05:30',
    STORE,
  );

export const payInvoice = (
  ledger: ReturnType<typeof createTestLedger>,
  invoiceId: string,
  paymentId: string,
  amountPaise: number,
  receivedOn: string,
) =>
  ledger.invoice(
    invoiceId,
    {
      type: 'RecordInvoicePayment',
      data: {
        invoiceId,
        paymentId,
        amountPaise,
        method: 'bank_transfer',
        receivedOn,
        reference: `UTR${paymentId.slice(-4)}`,
      },
    },
    `${receivedOn}T12:00:00+05:30`,
    STORE,
  );

/** The line an invoice of `issueInvoice` bills its pizzas on. */
export const invoiceLineOf = (invoiceNumber: string): string =>
  id(0x5_0000 + Number.parseInt(invoiceNumber.slice(-2), 10));

/** A correction or a note on an issued invoice, `type` and `data` as the command takes them. */
export const changeInvoice = (
  ledger: ReturnType<typeof createTestLedger>,
  invoiceId: string,
  type: 'CorrectInvoiceLine' | 'CorrectInvoicePrice' | 'ChangeInvoiceDueDate' | 'IssueCreditNote' | 'IssueDebitNote',
  data: Record<string, unknown>,
  at: string,
) => ledger.invoice(invoiceId, { type, data: { invoiceId, ...data } }, at, STORE);

/**
 * A catering invoice for 10 pizzas (₹3,412.50 with IGST) with 2 % off if paid within 10 days,
 * corrected to 12 pizzas and then to ₹300 a pizza, its due date moved, 2 pizzas credited, ₹100
 * debited, and paid on the 30th net of the discount: every event an invoice can have.
 */
export const invoiceWithEveryChange = (ledger: ReturnType<typeof createTestLedger>) => {
  const number = 'INV/2026-27/03';
  const lineId = invoiceLineOf(number);
  issueInvoice(ledger, TERMS_INVOICE, number, 10, 30, { percentBasisPoints: 200, withinDays: 10 });
  const evening = '2026-11-24T18:00:00+05:30';
  changeInvoice(
    ledger,
    TERMS_INVOICE,
    'CorrectInvoiceLine',
    { lineId, quantity: 12, reason: 'two more guests' },
    evening,
  );
  changeInvoice(
    ledger,
    TERMS_INVOICE,
    'CorrectInvoicePrice',
    { lineId, unitPricePaise: 30_000, reason: 'contract rate' },
    evening,
  );
  changeInvoice(
    ledger,
    TERMS_INVOICE,
    'ChangeInvoiceDueDate',
    { dueDate: '2027-01-08', reason: 'agreed 45 days' },
    evening,
  );
  const notes = { issueDate: '2026-11-26', reason: 'as agreed' };
  changeInvoice(
    ledger,
    TERMS_INVOICE,
    'IssueCreditNote',
    { creditNoteId: id(0xc_0301), creditNoteNumber: 'CN/2026-27/01', lines: [{ lineId, quantity: 2 }], ...notes },
    '2026-11-26T10:00:00+05:30',
  );
  changeInvoice(
    ledger,
    TERMS_INVOICE,
    'IssueDebitNote',
    {
      debitNoteId: id(0xd_0301),
      debitNoteNumber: 'DN/2026-27/01',
      lines: [{ lineId, taxablePaise: 10_000 }],
      ...notes,
    },
    '2026-11-26T11:00:00+05:30',
  );
  payInvoice(ledger, TERMS_INVOICE, id(0xa_0301), 318_990, '2026-11-30');
};

export const SEAL_KEY = 'a1'.repeat(16);
export type TestSeal = { throughPosition: string | null; merkleRoot: string; amendment: number };

/**
 * Seals the store's 24 November as the ledger would: a close over every store event so far when
 * `previous` is null, else an amendment over the store events stored since `previous`. The root
 * and signature are stand-ins; a projection records them and never checks them.
 */
export const sealLunchDate = (ledger: TestLedger, previous: TestSeal | null, at: string): TestSeal => {
  const since =
    previous === null ? -1 : ledger.events.findIndex((event) => event.logPosition === previous.throughPosition);
  const covered = ledger.events
    .slice(since + 1)
    .filter((event) => event.storeId === STORE && !event.streamId.startsWith('audit_day-'));
  const amendment = previous === null ? 0 : previous.amendment + 1;
  const seal = {
    storeId: STORE,
    businessDate: '2026-11-24',
    timeZone: 'Asia/Kolkata',
    closedAt: at,
    afterPosition: previous?.throughPosition ?? null,
    throughPosition: covered.at(-1)?.logPosition ?? previous?.throughPosition ?? null,
    eventCount: covered.length,
    merkleRoot: String(amendment).repeat(64),
    amendment,
    previousMerkleRoot: previous?.merkleRoot ?? null,
    keyId: SEAL_KEY,
    signature: 'c2lnbmVk',
  };
  ledger.daySeal(STORE, { type: previous === null ? 'CloseBusinessDay' : 'AmendBusinessDay', data: seal }, at);
  return seal;
};
