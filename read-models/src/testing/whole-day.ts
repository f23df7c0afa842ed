import type { OrderPlaced } from '@possier/events';
import { checkout } from './commands.js';
import {
  BRAND,
  CASHIER,
  COLA,
  DOUGH,
  DRINKS_TAX,
  EXTRA_CHEESE,
  MARGHERITA,
  ORG,
  OWNER,
  REGISTER,
  STORE,
  id,
  storeContext,
} from './fixtures.js';
import { openedOrg, withMenu } from './org-setup.js';
import {
  BIG_INVOICE,
  SMALL_INVOICE,
  LUNCH_CARD,
  LUNCH_ORDER,
  invoiceWithEveryChange,
  issueInvoice,
  lunch,
  payInvoice,
  refundOnePizza,
  refundTheRest,
  sealLunchDate,
  voidedDinner,
} from './scenarios.js';

const SHIFT = id(0x8_0101);

/** One of every event type the projections read, in a plausible order: for cross-cutting specs. */
export const wholeDay = () => {
  const ledger = lunch(withMenu(openedOrg()));
  const at = (time: string) => `2026-11-24T${time}:00+05:30`;
  ledger.shift(
    SHIFT,
    {
      type: 'OpenShift',
      data: {
        shiftId: SHIFT,
        storeId: STORE,
        registerId: REGISTER,
        openedBy: CASHIER,
        floatPaise: 100_000,
        openedAt: at('09:00'),
      },
    },
    at('09:00'),
    STORE,
  );
  ledger.shift(
    SHIFT,
    {
      type: 'MoveCash',
      data: {
        shiftId: SHIFT,
        movementId: id(0x9_0101),
        direction: 'out',
        amountPaise: 5_000,
        reason: 'milk',
        at: at('10:00'),
      },
    },
    at('10:00'),
    STORE,
  );
  const adjust = (n: number, time: string, change: Record<string, unknown>) =>
    ledger.stock(
      STORE,
      DOUGH,
      {
        type: 'AdjustStock',
        data: { stockItemId: DOUGH, storeId: STORE, adjustmentId: id(0x6_0100 + n), occurredAt: at(time), ...change },
      },
      at(time),
    );
  const nameDough = (name: string, time: string) =>
    ledger.stockItem(
      DOUGH,
      { type: 'DefineStockItem', data: { stockItemId: DOUGH, orgId: ORG, name, unit: 'g', at: at(time) } },
      at(time),
    );
  nameDough('Dough', '10:25');
  nameDough('Pizza dough', '10:26');
  adjust(1, '10:30', { reason: 'receipt', quantity: 20_000 });
  voidedDinner(ledger);
  ledger.order(
    LUNCH_ORDER,
    { type: 'AdjustTip', data: { orderId: LUNCH_ORDER, paymentId: LUNCH_CARD, tipPaise: 2_500 } },
    at('21:00'),
    STORE,
  );
  ledger.recordOnOrder(
    LUNCH_ORDER,
    [
      {
        type: 'OfflineConflictRecorded',
        data: {
          orderId: LUNCH_ORDER,
          storeId: STORE,
          registerId: REGISTER,
          placedEventId: id(0x3_0001),
          conflicts: [
            {
              kind: 'stock_negative',
              path: 'data.quantity',
              detail: 'selling 250 units left -50 on hand',
              stockItemId: DOUGH,
              onHandAfter: -50,
            },
          ],
        },
      },
    ],
    at('21:05'),
    STORE,
  );
  refundOnePizza(ledger);
  refundTheRest(ledger);
  adjust(2, '22:00', { reason: 'count', countedQuantity: 18_500 });
  // The lunch's cash, as the drawer workflow records it on the shift.
  ledger.shift(
    SHIFT,
    {
      type: 'RecordDrawerCash',
      data: {
        shiftId: SHIFT,
        orderId: LUNCH_ORDER,
        sourceEventId: id(0x3_0001),
        movement: 'sale',
        cashTenderedPaise: 40_000,
        changeGivenPaise: 5_200,
        cashRefundedPaise: 0,
      },
    },
    at('13:05'),
    STORE,
  );
  ledger.shift(
    SHIFT,
    {
      type: 'CloseShift',
      data: { shiftId: SHIFT, countedCashPaise: 129_800, closedAt: at('23:00'), closedBy: CASHIER },
    },
    at('23:00'),
    STORE,
  );
  issueInvoice(ledger, BIG_INVOICE, 'INV/2026-27/01', 20, 0);
  payInvoice(ledger, BIG_INVOICE, id(0xa_0101), 682_500, '2026-11-24');
  issueInvoice(ledger, SMALL_INVOICE, 'INV/2026-27/02', 1, 0);
  ledger.invoice(
    SMALL_INVOICE,
    { type: 'MarkInvoiceOverdue', data: { invoiceId: SMALL_INVOICE, asOf: '2026-11-30' } },
    '2026-11-30T09:00:00+05:30',
    STORE,
  );
  invoiceWithEveryChange(ledger);
  // The date is closed before the loyal customer's orders are stored, as a till that was offline
  // replays them: an amendment seals them.
  const closed = sealLunchDate(ledger, null, at('23:20'));
  loyalCustomer(ledger, at);
  sealLunchDate(ledger, closed, at('23:50'));
  afterHours(ledger, at('23:30'));
  tableService(ledger, at);
  return ledger;
};

export const DINNER_TAB = id(0x7_0101);
const WALKOUT_TAB = id(0x7_0102);

/** Table service: a tab fired, moved, billed, trimmed and settled in two parts; another left empty. */
const tableService = (ledger: ReturnType<typeof lunch>, at: (time: string) => string) => {
  const onTab = (orderId: string, command: object, time: string) => ledger.order(orderId, command, at(time), STORE);
  const store = { store: storeContext().store };
  onTab(
    DINNER_TAB,
    { type: 'OpenTab', data: { orderId: DINNER_TAB, storeId: STORE, table: 'T4', covers: 2 } },
    '20:00',
  );
  onTab(
    DINNER_TAB,
    {
      type: 'FireRound',
      data: {
        orderId: DINNER_TAB,
        roundId: id(0x7_0201),
        lines: [
          { lineId: id(0x7_0301), itemId: MARGHERITA.itemId, quantity: 2 },
          { lineId: id(0x7_0302), itemId: COLA.itemId, quantity: 2 },
        ],
      },
      context: { catalog: storeContext().catalog },
    },
    '20:05',
  );
  onTab(DINNER_TAB, { type: 'MoveTab', data: { orderId: DINNER_TAB, table: 'T9' } }, '20:10');
  onTab(DINNER_TAB, { type: 'PrintBill', data: { orderId: DINNER_TAB }, context: store }, '21:00');
  onTab(
    DINNER_TAB,
    { type: 'CancelTabLine', data: { orderId: DINNER_TAB, lineId: id(0x7_0302), quantity: 1, reason: 'flat' } },
    '21:01',
  );
  onTab(DINNER_TAB, { type: 'PrintBill', data: { orderId: DINNER_TAB }, context: store }, '21:02');
  const [split] = onTab(
    DINNER_TAB,
    { type: 'SplitBill', data: { orderId: DINNER_TAB, split: { method: 'equal', parts: 2 } }, context: store },
    '21:03',
  );
  const parts = (split?.data as { parts: Array<{ payablePaise: number }> }).parts;
  parts.forEach((part, index) =>
    onTab(
      DINNER_TAB,
      {
        type: 'SettleTab',
        data: {
          orderId: DINNER_TAB,
          part: index + 1,
          tenders: [{ paymentId: id(0x7_0401 + index), kind: 'card', amountPaise: part.payablePaise }],
        },
        context: store,
      },
      '21:10',
    ),
  );
  onTab(
    WALKOUT_TAB,
    { type: 'OpenTab', data: { orderId: WALKOUT_TAB, storeId: STORE, name: 'Mehta', covers: 3 } },
    '21:15',
  );
  onTab(
    WALKOUT_TAB,
    { type: 'CloseEmptyTab', data: { orderId: WALKOUT_TAB, reason: 'left before ordering' } },
    '21:30',
  );
};

export const LOYAL_CUSTOMER = id(0xc_0001);
const RULE = { pointsPer100Rupees: 10, pointValuePaise: 100, expiryDays: 30 };

/**
 * A regular on the brand's loyalty programme: two colas earn points, one goes back, a third cola
 * is paid partly with points, and whatever is left expires (asOf far ahead, for the spec).
 */
const loyalCustomer = (ledger: ReturnType<typeof lunch>, at: (time: string) => string) => {
  ledger.loyaltyProgramme(BRAND, { type: 'SetLoyaltyRule', data: { brandId: BRAND, ...RULE } }, at('08:00'));
  const sell = (
    orderId: string,
    quantity: number,
    tenders: Array<{ kind: string; amountPaise: number }>,
    time: string,
  ) => {
    const command = checkout(
      orderId,
      [{ lineId: id(orderId === LOYAL_ORDERS[0] ? 0xc_1001 : 0xc_1002), itemId: COLA.itemId, quantity }],
      tenders.map((tender, index) => ({ paymentId: id(0xc_2000 + quantity * 10 + index), ...tender })) as never,
    );
    const placed = ledger.order(
      orderId,
      {
        ...command,
        data: { ...command.data, customerId: LOYAL_CUSTOMER },
        context: { ...command.context, customer: { customerId: LOYAL_CUSTOMER, status: 'active' } },
      },
      at(time),
      STORE,
    );
    const sale = placed.find((event) => event.type === 'OrderPlaced')?.data as OrderPlaced['data'];
    const redemptions = placed
      .filter((event) => event.type === 'PaymentTendered' && (event.data as { kind: string }).kind === 'loyalty')
      .map((event, index) => ({
        paymentId: (event.data as { paymentId: string }).paymentId,
        amountPaise: (event.data as { amountPaise: number }).amountPaise,
        path: `data.tenders.${index}.amountPaise`,
      }));
    ledger.loyaltyAccount(
      BRAND,
      LOYAL_CUSTOMER,
      {
        type: 'SettleOrderLoyalty',
        data: {
          orderId,
          mode: 'online',
          payablePaise: sale.totals.payablePaise,
          redemptions,
          businessDate: '2026-11-24',
        },
        context: { rule: RULE },
      },
      at(time),
      STORE,
    );
    return sale;
  };
  const [first, second] = LOYAL_ORDERS;
  const sale = sell(first, 20, [{ kind: 'cash', amountPaise: 200_000 }], '19:00');
  const refundId = id(0xc_3001);
  const refunded = ledger.order(
    first,
    {
      type: 'RefundOrder',
      data: {
        orderId: first,
        refundId,
        reason: 'flat',
        tender: { kind: 'cash' },
        scope: 'lines',
        lines: [{ lineId: sale.lines[0]?.lineId, quantity: 5 }],
      },
    },
    at('19:30'),
    STORE,
  );
  const refund = refunded[0]?.data as { refundPaise: number; completesRefund: boolean };
  ledger.loyaltyAccount(
    BRAND,
    LOYAL_CUSTOMER,
    {
      type: 'ReverseOrderLoyalty',
      data: {
        orderId: first,
        refundId,
        refundPaise: refund.refundPaise,
        toLoyaltyTender: false,
        completesRefund: refund.completesRefund,
        businessDate: '2026-11-24',
      },
      context: { rule: RULE },
    },
    at('19:30'),
    STORE,
  );
  sell(
    second,
    1,
    [
      { kind: 'loyalty', amountPaise: 1_000 },
      { kind: 'cash', amountPaise: 10_000 },
    ],
    '20:00',
  );
  ledger.loyaltyAccount(
    BRAND,
    LOYAL_CUSTOMER,
    { type: 'ExpirePoints', data: { brandId: BRAND, customerId: LOYAL_CUSTOMER, asOf: '2026-12-24' } },
    at('20:30'),
    STORE,
  );
};

export const LOYAL_ORDERS = [id(0xc_0101), id(0xc_0102)] as const;

/**
 * The owner's changes after closing: tomorrow's prices (the brand's pizza, Bandra's own cola), the
 * cola renamed and given its own HSN, the drinks slab raised from December, extra cheese off the
 * menu and back, and the cashier's role at Bandra revoked.
 */
const afterHours = (ledger: ReturnType<typeof lunch>, at: string) => {
  const tomorrow = '2026-11-25T00:00:00+05:30';
  const item = (itemId: string, type: string, data: Record<string, unknown>) =>
    ledger.item(itemId, { type, data: { itemId, ...data } }, at);
  item(MARGHERITA.itemId, 'ChangeItemPrice', {
    unitPricePaise: 34_500,
    priceIncludesTax: false,
    effectiveFrom: tomorrow,
  });
  item(COLA.itemId, 'ChangeItemPrice', {
    unitPricePaise: 7_000,
    priceIncludesTax: true,
    effectiveFrom: tomorrow,
    storeId: STORE,
  });
  item(COLA.itemId, 'RenameItem', { name: 'Cola 330 ml', at });
  item(COLA.itemId, 'AssignTaxCategory', { taxCategoryId: DRINKS_TAX.taxCategoryId, hsnSac: '22021090', at });
  ledger.taxCategory(
    DRINKS_TAX.taxCategoryId,
    {
      type: 'ChangeTaxRate',
      data: {
        taxCategoryId: DRINKS_TAX.taxCategoryId,
        rateBasisPoints: 2_800,
        effectiveFrom: '2026-12-01T00:00:00+05:30',
        reason: 'aerated drinks moved to the 28 % slab',
      },
    },
    at,
  );
  item(EXTRA_CHEESE.itemId, 'DeactivateItem', { reason: 'out of mozzarella', at });
  item(EXTRA_CHEESE.itemId, 'ReactivateItem', { at });
  ledger.tenancy(
    {
      type: 'RevokeRole',
      data: { orgId: ORG, userId: CASHIER, role: 'cashier', scope: { level: 'store', storeId: STORE } },
    },
    at,
  );
  const reason = 'end of the season';
  ledger.tenancy(
    { type: 'DeactivateUser', data: { orgId: ORG, userId: CASHIER, reason }, context: { actorId: OWNER } },
    at,
  );
  ledger.tenancy({ type: 'ReactivateUser', data: { orgId: ORG, userId: CASHIER, reason } }, at);
  ledger.tenancy({ type: 'DeactivateRegister', data: { orgId: ORG, registerId: REGISTER, reason } }, at);
  ledger.tenancy({ type: 'ReactivateRegister', data: { orgId: ORG, registerId: REGISTER, reason } }, at);
};
