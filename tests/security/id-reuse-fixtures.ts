import type { CommandName } from '@possier/events';
import { step, type Ids, type Step } from './id-reuse-world.js';

/**
 * How to run one declared command on ids of the caller's choosing: the commands it needs first
 * (`given`: an order before a refund, an open shift before a close), the command itself, and a
 * command on the same ids that its org can still run afterwards (`then`).
 */
export type Fixture = { given?: (ids: Ids) => Step[]; when: (ids: Ids) => Step; then?: (ids: Ids) => Step };

const AT_OPEN = '2026-11-24T09:00:00+05:30';
const LATER = '2026-11-24T15:00:00+05:30';

const tail = (tag: string, length: number) => tag.slice(-length);

/** A mobile number of ten digits starting with 9, the same for the same tag. */
const phoneOf = (tag: string) => `+91 9${String(Number.parseInt(tail(tag, 8), 16) % 1_000_000_000).padStart(9, '0')}`;

const emailOf = (who: string, tag: string) => `${who}-${tail(tag, 12)}@example.in`;

/** The org's brand, store with a register, a cashier, two tax categories and an item: what the commands refer to. */
export const tenancySteps = (ids: Ids): Step[] => [
  step('createBrand', { orgId: ids.org, brandId: ids.brand, name: 'Pizza Lane' }),
  step('createStore', {
    orgId: ids.org,
    storeId: ids.store,
    brandId: ids.brand,
    name: 'Bandra',
    timeZone: 'Asia/Kolkata',
    stateCode: '27',
  }),
  step('createRegister', { orgId: ids.org, registerId: ids.register, storeId: ids.store, name: 'Till 1' }),
  step('addUser', { orgId: ids.org, userId: ids.cashier, name: 'Ravi', email: emailOf('ravi', ids.tag('cashier')) }),
  step('grantRole', {
    orgId: ids.org,
    userId: ids.cashier,
    role: 'cashier',
    scope: { level: 'store', storeId: ids.store },
  }),
  step('defineTaxCategory', {
    taxCategoryId: ids.food,
    orgId: ids.org,
    name: 'Restaurant service',
    rateBasisPoints: 500,
    hsnSac: '996331',
    at: AT_OPEN,
  }),
  step('defineTaxCategory', {
    taxCategoryId: ids.drinks,
    orgId: ids.org,
    name: 'Aerated drinks',
    rateBasisPoints: 1_800,
    hsnSac: '22021010',
    at: AT_OPEN,
  }),
  step('defineItem', {
    itemId: ids.cola,
    brandId: ids.brand,
    name: 'Cola 300 ml',
    kind: 'item',
    taxCategoryId: ids.drinks,
    unitPricePaise: 6_000,
    priceIncludesTax: true,
    at: AT_OPEN,
  }),
];

export const createOrganization = (orgId: string, ownerUserId: string): Step =>
  step(
    'createOrganization',
    { orgId, name: 'Spice Route Hospitality', ownerUserId, ownerName: 'Asha Rao', ownerEmail: 'asha@example.in' },
    'operator',
  );

/** Two colas, paid half in cash and half by card; on the register's shift when one is named. */
const order = (ids: Ids, shiftId: string | null = null) =>
  step('placeOrder', {
    orderId: ids.id('order'),
    storeId: ids.store,
    registerId: ids.register,
    shiftId,
    channel: 'dine_in',
    lines: [{ lineId: ids.id('line'), itemId: ids.cola, quantity: 2 }],
    tenders: [
      { paymentId: ids.id('cash'), kind: 'cash', amountPaise: 6_000 },
      { paymentId: ids.id('card'), kind: 'card', amountPaise: 6_000 },
    ],
  });

const shift = (ids: Ids, registerId = ids.register) =>
  step('openShift', {
    shiftId: ids.id('shift'),
    storeId: ids.store,
    registerId,
    openedBy: ids.cashier,
    floatPaise: 100_000,
    openedAt: AT_OPEN,
  });

const cashOut = (ids: Ids) =>
  step('moveCash', {
    shiftId: ids.id('shift'),
    movementId: ids.id('movement'),
    direction: 'out',
    amountPaise: 10_000,
    reason: 'change run',
    at: LATER,
  });

const count = (ids: Ids, adjustment: string, countedQuantity: number) =>
  step('adjustStock', {
    stockItemId: ids.dough,
    storeId: ids.store,
    adjustmentId: ids.id(adjustment),
    occurredAt: LATER,
    reason: 'count',
    countedQuantity,
  });

const stockItem = (ids: Ids, name: string) =>
  step('defineStockItem', { stockItemId: ids.id('stockItem'), orgId: ids.org, name, unit: 'g', at: LATER });

const taxCategory = (ids: Ids) =>
  step('defineTaxCategory', {
    taxCategoryId: ids.id('category'),
    orgId: ids.org,
    name: 'Restaurant 12%',
    rateBasisPoints: 1_200,
    hsnSac: '996332',
    at: AT_OPEN,
  });

const item = (ids: Ids) =>
  step('defineItem', {
    itemId: ids.id('item'),
    brandId: ids.brand,
    name: `Masala dosa ${tail(ids.tag('item'), 8)}`,
    kind: 'item',
    taxCategoryId: ids.food,
    unitPricePaise: 12_000,
    priceIncludesTax: false,
    at: AT_OPEN,
  });

const onItem = (ids: Ids, data: Record<string, unknown>) => ({ itemId: ids.id('item'), ...data });

const invoice = (ids: Ids) =>
  step('issueInvoice', {
    invoiceId: ids.id('invoice'),
    orgId: ids.org,
    storeId: ids.store,
    invoiceNumber: `INV/${tail(ids.tag('invoice'), 12)}`,
    supplierStateCode: '27',
    customer: {
      customerId: ids.id('buyer'),
      legalName: 'Pune Events Pvt Ltd',
      gstin: '27AAPFU0939F1ZV',
      stateCode: '27',
    },
    lines: [
      {
        lineId: ids.id('line'),
        item: {
          itemId: ids.cola,
          name: 'Cola 300 ml',
          hsnSac: '22021010',
          unitPricePaise: 6_000,
          priceIncludesTax: true,
          taxRateBasisPoints: 1_800,
        },
        quantity: 10,
      },
    ],
    issueDate: '2026-11-24',
    paymentTerms: { netDays: 0 },
  });

const payment = (ids: Ids) =>
  step('recordInvoicePayment', {
    invoiceId: ids.id('invoice'),
    paymentId: ids.id('payment'),
    amountPaise: 10_000,
    method: 'cash',
    receivedOn: '2026-11-30',
  });

const onInvoice = (ids: Ids, data: Record<string, unknown>) => ({ invoiceId: ids.id('invoice'), ...data });

const user = (ids: Ids) =>
  step('addUser', { orgId: ids.org, userId: ids.id('user'), name: 'Meena', email: emailOf('meena', ids.tag('user')) });

const cashierRole = (ids: Ids) => ({
  orgId: ids.org,
  userId: ids.id('user'),
  role: 'cashier',
  scope: { level: 'store', storeId: ids.store },
});

const userStatus = (name: 'deactivateUser' | 'reactivateUser', ids: Ids) =>
  step(name, { orgId: ids.org, userId: ids.id('user'), reason: 'on leave' });

const till = (ids: Ids) =>
  step('createRegister', { orgId: ids.org, registerId: ids.id('register'), storeId: ids.store, name: 'Till 4' });

const registerStatus = (name: 'deactivateRegister' | 'reactivateRegister', ids: Ids) =>
  step(name, { orgId: ids.org, registerId: ids.id('register'), reason: 'till sent for repair' });

/** A new audit key for the org, endorsed by its current one if it has one. */
const rotateKey = (ids: Ids) => step('rotateAuditKey', { orgId: ids.org });

const brand = (ids: Ids) => step('createBrand', { orgId: ids.org, brandId: ids.id('brand'), name: 'Dosa Co' });

const store = (ids: Ids) =>
  step('createStore', {
    orgId: ids.org,
    storeId: ids.id('store'),
    brandId: ids.id('brand'),
    name: 'Powai',
    timeZone: 'Asia/Kolkata',
    stateCode: '27',
  });

const customer = (ids: Ids) =>
  step('registerCustomer', {
    customerId: ids.id('customer'),
    storeId: ids.store,
    name: 'Meera',
    phone: phoneOf(ids.tag('customer')),
    consent: { marketing: false, loyalty: true },
  });

const consent = (ids: Ids) =>
  step('recordCustomerConsent', { customerId: ids.id('customer'), marketing: true, loyalty: true });

const loyaltyRule = (ids: Ids, expiryDays: number) =>
  step('setLoyaltyRule', { brandId: ids.id('brand'), pointsPer100Rupees: 500, pointValuePaise: 100, expiryDays });

/** A tab on a table with one round of cola fired: what every later tab step acts on. */
const tab = (ids: Ids) =>
  step('openTab', { orderId: ids.id('tab'), storeId: ids.store, registerId: ids.register, table: 'T4', covers: 2 });
const round = (ids: Ids) =>
  step('fireRound', {
    orderId: ids.id('tab'),
    roundId: ids.id('round'),
    station: 'bar',
    lines: [{ lineId: ids.id('tabLine'), itemId: ids.cola, quantity: 2, seat: 1 }],
  });
const onTab = (ids: Ids, name: 'printBill' | 'closeEmptyTab' | 'moveTab', data: Record<string, unknown> = {}) =>
  step(name, { orderId: ids.id('tab'), ...data });

/**
 * Every declared command, runnable by any org on ids it chose. Typed over every command name, so
 * a new declaration does not compile without one; the suite also names any command left out.
 */
export const fixtures: Record<CommandName, Fixture> = {
  placeOrder: {
    when: order,
    then: (ids) => step('voidOrder', { orderId: ids.id('order'), reason: 'guest left' }),
  },
  voidOrder: {
    given: (ids) => [order(ids)],
    when: (ids) => step('voidOrder', { orderId: ids.id('order'), reason: 'keyed twice' }),
  },
  refundOrder: {
    // The sale and the refund go through a shift's drawer, so its stream is reused too.
    given: (ids) => [shift(ids), order(ids, ids.id('shift'))],
    when: (ids) =>
      step('refundOrder', {
        orderId: ids.id('order'),
        refundId: ids.id('refund'),
        reason: 'cold food',
        tender: { kind: 'cash' },
        shiftId: ids.id('shift'),
        scope: 'lines',
        lines: [{ lineId: ids.id('line'), quantity: 1 }],
      }),
  },
  adjustTip: {
    given: (ids) => [order(ids)],
    when: (ids) => step('adjustTip', { orderId: ids.id('order'), paymentId: ids.id('card'), tipPaise: 1_000 }),
  },
  openTab: { when: tab, then: (ids) => onTab(ids, 'moveTab', { table: 'T9' }) },
  fireRound: {
    given: (ids) => [tab(ids)],
    when: round,
    then: (ids) =>
      step('cancelTabLine', { orderId: ids.id('tab'), lineId: ids.id('tabLine'), quantity: 1, reason: 'spilt' }),
  },
  cancelTabLine: {
    given: (ids) => [tab(ids), round(ids)],
    when: (ids) =>
      step('cancelTabLine', { orderId: ids.id('tab'), lineId: ids.id('tabLine'), quantity: 2, reason: 'wrong drink' }),
    then: (ids) => onTab(ids, 'closeEmptyTab', { reason: 'nothing left' }),
  },
  moveTab: { given: (ids) => [tab(ids)], when: (ids) => onTab(ids, 'moveTab', { table: 'Patio 1' }) },
  printBill: { given: (ids) => [tab(ids), round(ids)], when: (ids) => onTab(ids, 'printBill') },
  splitBill: {
    given: (ids) => [tab(ids), round(ids)],
    when: (ids) => step('splitBill', { orderId: ids.id('tab'), split: { method: 'equal', parts: 2 } }),
  },
  settleTab: {
    given: (ids) => [tab(ids), round(ids)],
    // Two colas at ₹60, tax included: ₹120.
    when: (ids) =>
      step('settleTab', {
        orderId: ids.id('tab'),
        tenders: [{ paymentId: ids.id('tabCash'), kind: 'cash', amountPaise: 20_000 }],
      }),
    then: (ids) => step('voidOrder', { orderId: ids.id('tab'), reason: 'guest left' }),
  },
  closeEmptyTab: { given: (ids) => [tab(ids)], when: (ids) => onTab(ids, 'closeEmptyTab', { reason: 'party left' }) },
  adjustStock: {
    when: (ids) => count(ids, 'adjustment', 40_000),
    then: (ids) => count(ids, 'recount', 39_000),
  },
  defineStockItem: {
    when: (ids) => stockItem(ids, 'Pizza dough'),
    then: (ids) => stockItem(ids, 'Dough ball'),
  },
  openShift: { when: (ids) => shift(ids), then: cashOut },
  moveCash: { given: (ids) => [shift(ids)], when: cashOut },
  closeShift: {
    given: (ids) => [shift(ids), order(ids, ids.id('shift'))],
    when: (ids) =>
      step('closeShift', {
        shiftId: ids.id('shift'),
        countedCashPaise: 100_000,
        closedAt: '2026-11-24T22:00:00+05:30',
        closedBy: ids.cashier,
      }),
  },
  defineTaxCategory: {
    when: taxCategory,
    then: (ids) =>
      step('changeTaxRate', {
        taxCategoryId: ids.id('category'),
        rateBasisPoints: 500,
        effectiveFrom: '2026-11-26T00:00:00+05:30',
        reason: 'rate notified',
      }),
  },
  changeTaxRate: {
    given: (ids) => [taxCategory(ids)],
    when: (ids) =>
      step('changeTaxRate', {
        taxCategoryId: ids.id('category'),
        rateBasisPoints: 1_800,
        effectiveFrom: '2026-11-25T00:00:00+05:30',
        reason: 'rate notified',
      }),
  },
  defineItem: {
    when: item,
    then: (ids) => step('renameItem', onItem(ids, { name: `Rava dosa ${tail(ids.tag('item'), 8)}`, at: LATER })),
  },
  changeItemPrice: {
    given: (ids) => [item(ids)],
    when: (ids) =>
      step(
        'changeItemPrice',
        onItem(ids, { unitPricePaise: 13_000, priceIncludesTax: false, effectiveFrom: '2026-11-25T00:00:00+05:30' }),
      ),
  },
  assignTaxCategory: {
    given: (ids) => [item(ids)],
    when: (ids) => step('assignTaxCategory', onItem(ids, { taxCategoryId: ids.drinks, at: LATER })),
  },
  setRecipe: {
    given: (ids) => [item(ids)],
    when: (ids) =>
      step('setRecipe', onItem(ids, { components: [{ stockItemId: ids.dough, quantity: 100 }], at: LATER })),
  },
  renameItem: {
    given: (ids) => [item(ids)],
    when: (ids) => step('renameItem', onItem(ids, { name: `Set dosa ${tail(ids.tag('item'), 8)}`, at: LATER })),
  },
  deactivateItem: {
    given: (ids) => [item(ids)],
    when: (ids) => step('deactivateItem', onItem(ids, { reason: 'out of season', at: LATER })),
  },
  reactivateItem: {
    given: (ids) => [item(ids), step('deactivateItem', onItem(ids, { reason: 'out of season', at: LATER }))],
    when: (ids) => step('reactivateItem', onItem(ids, { at: '2026-11-24T16:00:00+05:30' })),
  },
  issueInvoice: { when: invoice, then: payment },
  recordInvoicePayment: { given: (ids) => [invoice(ids)], when: payment },
  markInvoiceOverdue: {
    given: (ids) => [invoice(ids)],
    when: (ids) => step('markInvoiceOverdue', onInvoice(ids, { asOf: '2026-11-30' })),
  },
  correctInvoiceLine: {
    given: (ids) => [invoice(ids)],
    when: (ids) =>
      step('correctInvoiceLine', onInvoice(ids, { lineId: ids.id('line'), quantity: 8, reason: 'two returned' })),
  },
  correctInvoicePrice: {
    given: (ids) => [invoice(ids)],
    when: (ids) =>
      step(
        'correctInvoicePrice',
        onInvoice(ids, { lineId: ids.id('line'), unitPricePaise: 5_500, reason: 'agreed rate' }),
      ),
  },
  changeInvoiceDueDate: {
    given: (ids) => [invoice(ids)],
    when: (ids) => step('changeInvoiceDueDate', onInvoice(ids, { dueDate: '2026-12-24', reason: 'agreed terms' })),
  },
  issueCreditNote: {
    given: (ids) => [invoice(ids)],
    when: (ids) =>
      step(
        'issueCreditNote',
        onInvoice(ids, {
          creditNoteId: ids.id('credit'),
          creditNoteNumber: `CN/${tail(ids.tag('credit'), 12)}`,
          issueDate: '2026-11-30',
          reason: 'one crate returned',
          lines: [{ lineId: ids.id('line'), quantity: 1 }],
        }),
      ),
  },
  issueDebitNote: {
    given: (ids) => [invoice(ids)],
    when: (ids) =>
      step(
        'issueDebitNote',
        onInvoice(ids, {
          debitNoteId: ids.id('debit'),
          debitNoteNumber: `DN/${tail(ids.tag('debit'), 12)}`,
          issueDate: '2026-11-30',
          reason: 'delivery charged',
          lines: [{ lineId: ids.id('line'), taxablePaise: 1_000 }],
        }),
      ),
  },
  createOrganization: { when: (ids) => createOrganization(ids.own('org'), ids.id('owner')) },
  createBrand: { when: brand, then: store },
  createStore: {
    given: (ids) => [brand(ids)],
    when: store,
    then: (ids) =>
      step('createRegister', {
        orgId: ids.org,
        registerId: ids.id('register'),
        storeId: ids.id('store'),
        name: 'Till 2',
      }),
  },
  createRegister: {
    when: (ids) =>
      step('createRegister', { orgId: ids.org, registerId: ids.id('register'), storeId: ids.store, name: 'Till 3' }),
    then: (ids) => shift(ids, ids.id('register')),
  },
  addUser: { when: user, then: (ids) => step('grantRole', cashierRole(ids)) },
  grantRole: { given: (ids) => [user(ids)], when: (ids) => step('grantRole', cashierRole(ids)) },
  revokeRole: {
    given: (ids) => [user(ids), step('grantRole', cashierRole(ids))],
    when: (ids) => step('revokeRole', cashierRole(ids)),
  },
  deactivateUser: {
    given: (ids) => [user(ids)],
    when: (ids) => userStatus('deactivateUser', ids),
    then: (ids) => userStatus('reactivateUser', ids),
  },
  reactivateUser: {
    given: (ids) => [user(ids), userStatus('deactivateUser', ids)],
    when: (ids) => userStatus('reactivateUser', ids),
  },
  deactivateRegister: {
    given: (ids) => [till(ids)],
    when: (ids) => registerStatus('deactivateRegister', ids),
    then: (ids) => registerStatus('reactivateRegister', ids),
  },
  reactivateRegister: {
    given: (ids) => [till(ids), registerStatus('deactivateRegister', ids)],
    when: (ids) => registerStatus('reactivateRegister', ids),
  },
  issueToken: {
    given: (ids) => [till(ids)],
    when: (ids) =>
      step('issueToken', { orgId: ids.org, subject: { kind: 'register', registerId: ids.id('register') } }),
    then: (ids) => registerStatus('deactivateRegister', ids),
  },
  registerCustomer: { when: customer, then: consent },
  updateCustomerDetails: {
    given: (ids) => [customer(ids)],
    when: (ids) =>
      step('updateCustomerDetails', {
        customerId: ids.id('customer'),
        name: 'Meera Nair',
        phone: phoneOf(ids.tag('new phone')),
        email: emailOf('meera', ids.tag('customer')),
      }),
  },
  recordCustomerConsent: { given: (ids) => [customer(ids)], when: consent },
  forgetCustomer: {
    given: (ids) => [customer(ids)],
    when: (ids) => step('forgetCustomer', { customerId: ids.id('customer') }),
  },
  setLoyaltyRule: {
    given: (ids) => [brand(ids)],
    when: (ids) => loyaltyRule(ids, 30),
    then: (ids) => loyaltyRule(ids, 60),
  },
  expirePoints: {
    given: (ids) => [customer(ids)],
    when: (ids) => step('expirePoints', { brandId: ids.brand, customerId: ids.id('customer'), asOf: '2026-11-30' }),
  },
  rotateAuditKey: { when: rotateKey, then: rotateKey },
  closeBusinessDay: {
    given: (ids) => [brand(ids), store(ids), rotateKey(ids)],
    when: (ids) => step('closeBusinessDay', { storeId: ids.id('store'), businessDate: '2026-11-24' }),
    then: (ids) => step('closeBusinessDay', { storeId: ids.id('store'), businessDate: '2026-11-25' }),
  },
  amendBusinessDay: {
    // The day is sealed before its sale arrives: the sale is late, and the amendment seals it.
    given: (ids) => [
      rotateKey(ids),
      step('closeBusinessDay', { storeId: ids.store, businessDate: '2026-11-24' }),
      order(ids),
    ],
    when: (ids) => step('amendBusinessDay', { storeId: ids.store, businessDate: '2026-11-24' }),
  },
};
