import { randomUUID } from 'node:crypto';
import {
  auditRoutes,
  BALANCE_REPORTS,
  commandRoutes,
  DomainError,
  envelopeEvents,
  eventRegistry,
  orderDecider,
  orderStreamId,
  reportRoutes,
  type EventEnvelope,
  type ReportName,
} from '@possier/events';
import { uuidv7 } from '@possier/ledger/testing';
import type { Victim } from './victim.js';

export const AT = '2026-11-24T13:05:00+05:30';

/** `/v1/orders/{orderId}/void` with the victim's ids put in. */
export const fillPath = (template: string, ids: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = ids[name];
    if (value === undefined) throw new Error(`no id for {${name}} in ${template}`);
    return value;
  });

type CommandRouteName = Exclude<keyof typeof commandRoutes, 'replay'>;

/**
 * For every command of the contract, a well-formed `data` aimed at the victim org: its order, its
 * shift, its items, its tenancy. Typed over every route name, so a new command does not compile
 * until it is attacked too.
 */
export const commandAttacks: Record<CommandRouteName, (victim: Victim) => Record<string, unknown>> = {
  placeOrder: (victim) => ({
    orderId: uuidv7(),
    storeId: victim.storeA,
    channel: 'dine_in',
    lines: [{ lineId: randomUUID(), itemId: victim.cola, quantity: 1 }],
    tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 6_000 }],
  }),
  voidOrder: (victim) => ({ orderId: victim.orderId, reason: 'keyed twice' }),
  refundOrder: (victim) => ({
    orderId: victim.orderId,
    refundId: randomUUID(),
    reason: 'cold food',
    tender: { kind: 'cash' },
    scope: 'full',
  }),
  adjustTip: (victim) => ({ orderId: victim.orderId, paymentId: victim.cardPaymentId, tipPaise: 10_000 }),
  openTab: (victim) => ({ orderId: uuidv7(), storeId: victim.storeA, table: 'T1', covers: 2 }),
  fireRound: (victim) => ({
    orderId: victim.tabId,
    roundId: randomUUID(),
    lines: [{ lineId: randomUUID(), itemId: victim.cola, quantity: 1 }],
  }),
  cancelTabLine: (victim) => ({ orderId: victim.tabId, lineId: victim.tabLineId, quantity: 1, reason: 'sabotage' }),
  moveTab: (victim) => ({ orderId: victim.tabId, table: 'Kitchen' }),
  printBill: (victim) => ({ orderId: victim.tabId }),
  splitBill: (victim) => ({ orderId: victim.tabId, split: { method: 'equal', parts: 2 } }),
  settleTab: (victim) => ({
    orderId: victim.tabId,
    tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 6_000 }],
  }),
  closeEmptyTab: (victim) => ({ orderId: victim.tabId, reason: 'sabotage' }),
  adjustStock: (victim) => ({
    stockItemId: victim.dough,
    storeId: victim.storeA,
    adjustmentId: uuidv7(),
    occurredAt: AT,
    reason: 'count',
    countedQuantity: 0,
  }),
  defineStockItem: (victim) => ({
    stockItemId: victim.dough,
    orgId: victim.org,
    name: 'Renamed by an intruder',
    unit: 'g',
    at: AT,
  }),
  openShift: (victim) => ({
    shiftId: randomUUID(),
    storeId: victim.storeA,
    registerId: victim.r1,
    openedBy: victim.cashierA,
    floatPaise: 100_000,
    openedAt: AT,
  }),
  moveCash: (victim) => ({
    shiftId: victim.openShiftId,
    movementId: randomUUID(),
    direction: 'out',
    amountPaise: 100_000,
    reason: 'taken',
    at: AT,
  }),
  closeShift: (victim) => ({
    shiftId: victim.openShiftId,
    countedCashPaise: 0,
    closedAt: AT,
    closedBy: victim.cashierA,
  }),
  defineTaxCategory: (victim) => ({
    taxCategoryId: randomUUID(),
    orgId: victim.org,
    name: 'Zero rated',
    rateBasisPoints: 0,
    hsnSac: '996331',
    at: AT,
  }),
  changeTaxRate: (victim) => ({
    taxCategoryId: victim.food,
    rateBasisPoints: 0,
    effectiveFrom: AT,
    reason: 'cut',
  }),
  defineItem: (victim) => ({
    itemId: randomUUID(),
    brandId: victim.brand,
    name: 'Free pizza',
    kind: 'item',
    taxCategoryId: victim.food,
    unitPricePaise: 100,
    priceIncludesTax: false,
    at: AT,
  }),
  changeItemPrice: (victim) => ({
    itemId: victim.pizza,
    unitPricePaise: 100,
    priceIncludesTax: false,
    effectiveFrom: AT,
  }),
  assignTaxCategory: (victim) => ({ itemId: victim.pizza, taxCategoryId: victim.drinks, at: AT }),
  setRecipe: (victim) => ({ itemId: victim.pizza, components: [{ stockItemId: victim.dough, quantity: 1 }], at: AT }),
  renameItem: (victim) => ({ itemId: victim.pizza, name: 'Renamed', at: AT }),
  deactivateItem: (victim) => ({ itemId: victim.pizza, reason: 'sabotage', at: AT }),
  reactivateItem: (victim) => ({ itemId: victim.pizza, at: AT }),
  issueInvoice: (victim) => ({
    invoiceId: randomUUID(),
    orgId: victim.org,
    storeId: victim.storeA,
    invoiceNumber: 'INV/99-99/0001',
    supplierStateCode: '27',
    customer: { customerId: randomUUID(), legalName: 'Pune Events Pvt Ltd', gstin: '27AAPFU0939F1ZV', stateCode: '27' },
    lines: [
      {
        lineId: randomUUID(),
        item: {
          itemId: victim.cola,
          name: 'Cola 300 ml',
          hsnSac: '22021010',
          unitPricePaise: 6_000,
          priceIncludesTax: true,
          taxRateBasisPoints: 1_800,
        },
        quantity: 1,
      },
    ],
    issueDate: '2026-11-24',
    paymentTerms: { netDays: 0 },
  }),
  recordInvoicePayment: (victim) => ({
    invoiceId: victim.invoiceId,
    paymentId: randomUUID(),
    amountPaise: 100,
    method: 'cash',
    receivedOn: '2026-11-30',
  }),
  markInvoiceOverdue: (victim) => ({ invoiceId: victim.invoiceId, asOf: '2026-12-31' }),
  correctInvoiceLine: (victim) => ({
    invoiceId: victim.invoiceId,
    lineId: victim.invoiceLineId,
    quantity: 1,
    reason: 'x',
  }),
  correctInvoicePrice: (victim) => ({
    invoiceId: victim.invoiceId,
    lineId: victim.invoiceLineId,
    unitPricePaise: 1,
    reason: 'cheaper',
  }),
  changeInvoiceDueDate: (victim) => ({ invoiceId: victim.invoiceId, dueDate: '2030-01-01', reason: 'never' }),
  issueCreditNote: (victim) => ({
    invoiceId: victim.invoiceId,
    creditNoteId: randomUUID(),
    creditNoteNumber: 'CN/99-99/0001',
    issueDate: '2026-11-30',
    reason: 'all returned',
    lines: [{ lineId: victim.invoiceLineId, quantity: 1 }],
  }),
  issueDebitNote: (victim) => ({
    invoiceId: victim.invoiceId,
    debitNoteId: randomUUID(),
    debitNoteNumber: 'DN/99-99/0001',
    issueDate: '2026-11-30',
    reason: 'more',
    lines: [{ lineId: victim.invoiceLineId, taxablePaise: 100 }],
  }),
  createOrganization: (victim) => ({
    orgId: victim.org,
    name: 'Taken over',
    ownerUserId: randomUUID(),
    ownerName: 'Mallory',
    ownerEmail: 'mallory@example.in',
  }),
  createBrand: (victim) => ({ orgId: victim.org, brandId: randomUUID(), name: 'Shadow brand' }),
  createStore: (victim) => ({
    orgId: victim.org,
    storeId: randomUUID(),
    brandId: victim.brand,
    name: 'Shadow store',
    timeZone: 'Asia/Kolkata',
    stateCode: '27',
  }),
  createRegister: (victim) => ({
    orgId: victim.org,
    registerId: randomUUID(),
    storeId: victim.storeA,
    name: 'Rogue till',
  }),
  addUser: (victim) => ({ orgId: victim.org, userId: randomUUID(), name: 'Mallory', email: 'mallory@example.in' }),
  grantRole: (victim) => ({ orgId: victim.org, userId: victim.cashierA, role: 'owner', scope: { level: 'org' } }),
  revokeRole: (victim) => ({ orgId: victim.org, userId: victim.owner, role: 'owner', scope: { level: 'org' } }),
  deactivateUser: (victim) => ({ orgId: victim.org, userId: victim.owner, reason: 'locked out' }),
  reactivateUser: (victim) => ({ orgId: victim.org, userId: victim.cashierA, reason: 'let back in' }),
  deactivateRegister: (victim) => ({ orgId: victim.org, registerId: victim.r1, reason: 'locked out' }),
  reactivateRegister: (victim) => ({ orgId: victim.org, registerId: victim.r2, reason: 'let back in' }),
  issueToken: (victim) => ({ orgId: victim.org, subject: { kind: 'register', registerId: victim.r1 } }),
  registerCustomer: (victim) => ({
    customerId: randomUUID(),
    storeId: victim.storeA,
    name: 'Mallory',
    phone: '+91 90000 00001',
    consent: { marketing: true, loyalty: true },
  }),
  updateCustomerDetails: (victim) => ({
    customerId: victim.customerId,
    name: 'Mallory',
    phone: '+91 90000 00002',
    email: 'mallory@example.in',
  }),
  recordCustomerConsent: (victim) => ({ customerId: victim.customerId, marketing: true, loyalty: false }),
  forgetCustomer: (victim) => ({ customerId: victim.customerId }),
  setLoyaltyRule: (victim) => ({
    brandId: victim.brand,
    pointsPer100Rupees: 500,
    pointValuePaise: 100,
    expiryDays: 30,
  }),
  expirePoints: (victim) => ({ brandId: victim.brand, customerId: victim.customerId, asOf: '2027-12-31' }),
  closeBusinessDay: (victim) => ({ storeId: victim.storeA, businessDate: victim.businessDate }),
  amendBusinessDay: (victim) => ({ storeId: victim.storeA, businessDate: victim.businessDate }),
  rotateAuditKey: (victim) => ({ orgId: victim.org }),
};

/** The command routes' contract entries by name, replay aside. */
export const attackedCommandRoutes = (): Array<[CommandRouteName, (typeof commandRoutes)[CommandRouteName]]> =>
  (Object.keys(commandRoutes) as Array<keyof typeof commandRoutes>)
    .filter((name): name is CommandRouteName => name !== 'replay')
    .map((name) => [name, commandRoutes[name]]);

/**
 * A sale decided with the shared decider, enveloped as a register's outbox holds it, recorded as
 * the victim's store and register: what a replay aimed at the victim would carry. `reuse` gives
 * it an order id and event ids chosen by the caller (another org's, in the id-reuse suite).
 */
export const saleInVictimStore = (
  victim: Pick<Victim, 'org' | 'brand' | 'storeA' | 'r1' | 'cola'>,
  reuse: { orderId?: string; eventIds?: ReadonlyArray<string> } = {},
): EventEnvelope[] => {
  const orderId = reuse.orderId ?? uuidv7();
  const decision = orderDecider.decide(
    {
      type: 'PlaceOrder',
      data: {
        orderId,
        storeId: victim.storeA,
        registerId: victim.r1,
        shiftId: null,
        channel: 'takeaway',
        lines: [{ lineId: randomUUID(), itemId: victim.cola, quantity: 1, modifierIds: [] }],
        tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 6_000, tipPaise: 0 }],
      },
      context: {
        store: { storeId: victim.storeA, stateCode: '27' },
        catalog: {
          [victim.cola]: {
            itemId: victim.cola,
            name: 'Cola 300 ml',
            hsnSac: '22021010',
            unitPricePaise: 6_000,
            priceIncludesTax: true,
            taxRateBasisPoints: 1_800,
            kind: 'item',
            active: true,
            recipe: [],
          },
        },
      },
    },
    orderDecider.initialState(),
  );
  if (decision instanceof DomainError) throw decision;
  const commandId = uuidv7();
  return envelopeEvents(decision, {
    streamId: orderStreamId(orderId),
    eventIds: decision.map((_, index) => reuse.eventIds?.[index] ?? uuidv7()),
    schemaVersionOf: (type) => eventRegistry.currentVersion(type),
    metadata: {
      orgId: victim.org,
      brandId: victim.brand,
      storeId: victim.storeA,
      registerId: victim.r1,
      actorId: victim.r1,
      occurredAt: '2026-11-24T21:40:00+05:30',
      causationId: commandId,
      correlationId: commandId,
    },
  });
};

/** Every report of the contract, asked for the victim's store. */
export const reportAttacks = (victim: Victim): Array<{ name: ReportName; path: string }> =>
  (Object.keys(reportRoutes) as ReportName[]).map((name) => {
    const query: Record<string, string> = BALANCE_REPORTS.has(name)
      ? { storeId: victim.storeA }
      : { storeId: victim.storeA, from: '2026-11-01', to: '2026-11-30' };
    return { name, path: `${reportRoutes[name].path}?${new URLSearchParams(query)}` };
  });

type AuditRouteName = keyof typeof auditRoutes;

/** Every audit read, aimed at the victim (closing a day and rotating a key are commands, above). */
export const auditAttacks: Record<AuditRouteName, (victim: Victim) => { method: 'GET'; path: string }> = {
  orderHistory: (victim) => ({ method: 'GET', path: fillPath(auditRoutes.orderHistory.path, victim) }),
  storeDayHistory: (victim) => ({
    method: 'GET',
    path: fillPath(auditRoutes.storeDayHistory.path, { storeId: victim.storeA, businessDate: victim.businessDate }),
  }),
  registerHistory: (victim) => ({
    method: 'GET',
    path: `${fillPath(auditRoutes.registerHistory.path, { registerId: victim.r1 })}?date=${victim.businessDate}`,
  }),
  storeExport: (victim) => ({
    method: 'GET',
    path: `${fillPath(auditRoutes.storeExport.path, { storeId: victim.storeA })}?from=2026-11-24&to=2026-11-25`,
  }),
};
