import type { CatalogEntry, CatalogView } from '../catalog/catalog-entry.js';
import { assertNever, type Decision } from '../decider.js';
import { domainError, fieldPath, type DomainError } from '../errors.js';
import { supplyKindOf } from '../gst.js';
import { allocateByLargestRemainder, multiplyPaise, sumPaise } from '../money.js';
import { settleTenders, type Tender } from '../payment/tender.js';
import { priceBill, type Bill } from '../pricing.js';
import { partsByLines, splitGroups } from './bill-split.js';
import { checkoutEvents, pricingLinesOf } from './checkout.js';
import type {
  BillTerms,
  CancelTabLine,
  CloseEmptyTab,
  FireRound,
  MoveTab,
  OpenTab,
  PrintBill,
  SettleTab,
  SplitBill,
  TabCommand,
  TabStoreContext,
} from './tab.commands.js';
import type { OrderPlaced } from './order.events.js';
import type { BillPart, BillPartPaid, TabSettled } from './tab.events.js';
import { liveLines, liveQuantity, partPaid, type RunningTab, type TabState, type TabStreamEvent } from './tab-state.js';

const nothingToBill = (): DomainError =>
  domainError('TAB.NOTHING_TO_BILL', 'data.orderId', 'nothing is left on this tab; close it as empty instead');
const partAlreadyPaid = (): DomainError =>
  domainError(
    'TAB.PART_PAID',
    'data.orderId',
    'part of the bill is already paid; settle the other parts before changing the tab',
  );

/** The open tab a command acts on, or why there is none. */
export const openTabOf = (state: { status: string }): (TabState & { status: 'open' }) | DomainError => {
  switch (state.status) {
    case 'open':
      return state as TabState & { status: 'open' };
    case 'none':
      return domainError('TAB.NOT_FOUND', 'data.orderId', 'no tab with this id is open');
    case 'closed':
      return domainError('TAB.CLOSED', 'data.orderId', 'this tab was closed empty');
    default:
      return domainError('TAB.SETTLED', 'data.orderId', 'this tab is settled; void or refund the order instead');
  }
};

/**
 * The catalog a tab prices from: the entry it first fired of each item, and whether the item may
 * still be fired now (an item taken off sale mid-meal is refused in later rounds, not on the bill).
 */
const tabCatalog = (tab: RunningTab, current?: CatalogView): CatalogView => {
  const view: Record<string, CatalogEntry> = {};
  for (const [itemId, entry] of Object.entries(tab.prices)) {
    view[itemId] = current ? { ...entry, active: current[itemId]?.active ?? false } : { ...entry, active: true };
  }
  return current ? { ...current, ...view } : view;
};

/** The bill for what is on the tab now, priced as it was fired, under the given terms. */
const priceTab = (tab: RunningTab, terms: BillTerms, context: TabStoreContext): Bill | DomainError => {
  const lines = pricingLinesOf(
    liveLines(tab).map((entry) => ({ ...entry.line, quantity: liveQuantity(entry) })),
    tabCatalog(tab),
    'data.lines',
  );
  if (lines instanceof Error) return lines;
  const supply = supplyKindOf(context.store.stateCode, terms.placeOfSupply ?? context.store.stateCode);
  return priceBill({
    lines,
    orderDiscount: terms.orderDiscount,
    serviceCharge: terms.serviceCharge,
    supply,
    linesPath: 'data.lines',
    orderDiscountPath: 'data.orderDiscount',
  });
};

const openTab = ({ data }: OpenTab, state: { status: string }): Decision<TabStreamEvent> => {
  if (state.status !== 'none')
    return domainError('ORDER.ALREADY_PLACED', 'data.orderId', 'an order or tab with this id already exists');
  return [
    {
      type: 'TabOpened',
      data: {
        orderId: data.orderId,
        storeId: data.storeId,
        registerId: data.registerId,
        shiftId: data.shiftId,
        channel: data.channel,
        ...(data.table === undefined ? {} : { table: data.table }),
        ...(data.name === undefined ? {} : { name: data.name }),
        covers: data.covers,
      },
    },
  ];
};

const sameLines = (a: ReadonlyArray<string>, b: ReadonlyArray<{ lineId: string }>): boolean =>
  a.length === b.length && a.every((lineId, index) => lineId === b[index]?.lineId);

const fireRound = ({ data, context }: FireRound, tab: TabState): Decision<TabStreamEvent> => {
  const earlier = tab.roundLines[data.roundId];
  if (earlier) {
    // A till that did not see the answer sends the round again: it is on the ticket already.
    if (sameLines(earlier, data.lines)) return [];
    return domainError('TAB.ROUND_ID_REUSED', 'data.roundId', 'this round id was already used for other lines');
  }
  if (partPaid(tab)) return partAlreadyPaid();
  const onTab = new Set(tab.lines.map((entry) => entry.line.lineId));
  const reused = data.lines.findIndex((line) => onTab.has(line.lineId));
  if (reused >= 0)
    return domainError(
      'ORDER.DUPLICATE_LINE_ID',
      fieldPath('data.lines', reused, 'lineId'),
      'this line id is already on the tab',
    );
  const checked = pricingLinesOf(data.lines, tabCatalog(tab, context.catalog), 'data.lines');
  if (checked instanceof Error) return checked;
  // Discounts are checked against the line now, not first at the bill.
  const priced = priceBill({ lines: checked, supply: 'intra_state', linesPath: 'data.lines' });
  if (priced instanceof Error) return priced;

  const firstSeen = new Map<string, CatalogEntry>();
  for (const line of data.lines) {
    for (const itemId of [line.itemId, ...line.modifierIds]) {
      const entry = context.catalog[itemId];
      if (entry && !tab.prices[itemId]) firstSeen.set(itemId, entry);
    }
  }
  return [
    {
      type: 'RoundFired',
      data: {
        orderId: data.orderId,
        roundId: data.roundId,
        round: tab.rounds + 1,
        station: data.station,
        ...(data.ticketNumber === undefined ? {} : { ticketNumber: data.ticketNumber }),
        lines: data.lines,
        prices: [...firstSeen.values()],
      },
    },
  ];
};

const cancelLine = ({ data }: CancelTabLine, tab: TabState): Decision<TabStreamEvent> => {
  if (partPaid(tab)) return partAlreadyPaid();
  const entry = tab.lines.find((candidate) => candidate.line.lineId === data.lineId);
  if (!entry) return domainError('ORDER.UNKNOWN_LINE', 'data.lineId', 'this tab has no such line');
  const live = liveQuantity(entry);
  if (data.quantity > live) {
    const name = tab.prices[entry.line.itemId]?.name ?? 'this line';
    return domainError(
      'TAB.CANCEL_EXCEEDS_QUANTITY',
      'data.quantity',
      live === 0 ? `${name} is already cancelled` : `only ${live} of ${name} are on the tab`,
    );
  }
  const unitPaise = sumPaise(
    [entry.line.itemId, ...entry.line.modifierIds].map((itemId) => tab.prices[itemId]?.unitPricePaise ?? 0),
  );
  return [
    {
      type: 'TabLineCancelled',
      data: {
        orderId: data.orderId,
        lineId: data.lineId,
        itemId: entry.line.itemId,
        name: tab.prices[entry.line.itemId]?.name ?? entry.line.itemId,
        quantity: data.quantity,
        grossPaise: multiplyPaise(unitPaise, data.quantity),
        reason: data.reason,
        afterBill: entry.billed,
      },
    },
  ];
};

const moveTab = ({ data }: MoveTab, tab: TabState): Decision<TabStreamEvent> => {
  if (tab.table === data.table) return [];
  return [
    {
      type: 'TabMoved',
      data: {
        orderId: data.orderId,
        ...(tab.table === undefined ? {} : { fromTable: tab.table }),
        toTable: data.table,
      },
    },
  ];
};

const billLinesOf = (tab: RunningTab): Array<readonly [string, number]> =>
  liveLines(tab).map((entry) => [entry.line.lineId, liveQuantity(entry)] as const);

const printBill = ({ data, context }: PrintBill, tab: TabState): Decision<TabStreamEvent> => {
  const { orderId, ...terms } = data;
  if (liveLines(tab).length === 0) return nothingToBill();
  const last = tab.lastBill;
  const unchanged =
    last !== undefined &&
    JSON.stringify(last.terms) === JSON.stringify(terms) &&
    JSON.stringify(last.lines) === JSON.stringify(billLinesOf(tab));
  if (partPaid(tab) && !unchanged) return partAlreadyPaid();
  const bill = priceTab(tab, terms, context);
  if (bill instanceof Error) return bill;
  return [
    {
      type: 'BillPrinted',
      data: {
        orderId,
        billNumber: tab.bills + 1,
        ...(unchanged ? { reprintOf: last.billNumber } : {}),
        terms,
        lines: bill.lines,
        totals: bill.totals,
      },
    },
  ];
};
const splitBill = ({ data, context }: SplitBill, tab: TabState): Decision<TabStreamEvent> => {
  if (partPaid(tab)) return partAlreadyPaid();
  if (liveLines(tab).length === 0) return nothingToBill();
  const bill = priceTab(tab, tab.lastBill?.terms ?? {}, context);
  if (bill instanceof Error) return bill;
  const payablePaise = bill.totals.payablePaise;
  let parts: BillPart[];
  if (data.split.method === 'equal') {
    const shares = allocateByLargestRemainder(
      payablePaise,
      Array.from({ length: data.split.parts }, () => 1),
    );
    parts = shares.map((share, index) => ({ part: index + 1, payablePaise: share, lineIds: [] }));
  } else {
    const groups = splitGroups(data.split, tab);
    if (groups instanceof Error) return groups;
    parts = partsByLines(bill, groups);
  }
  return [{ type: 'BillSplit', data: { orderId: data.orderId, method: data.split.method, parts, payablePaise } }];
};

/** Marks the tab settled after the sale it became: what the floor reads, so a quick-service sale costs it nothing. */
const settled = (sale: ReadonlyArray<TabStreamEvent>): TabSettled => {
  const placed = sale.find((event): event is OrderPlaced => event.type === 'OrderPlaced') as OrderPlaced;
  return { type: 'TabSettled', data: { orderId: placed.data.orderId, payablePaise: placed.data.totals.payablePaise } };
};

const settleTab = ({ data, context }: SettleTab, tab: TabState): Decision<TabStreamEvent> => {
  const live = liveLines(tab);
  if (live.length === 0) return nothingToBill();
  const terms = tab.lastBill?.terms ?? {};
  const sale = (tenders: Tender[]) =>
    checkoutEvents({
      type: 'PlaceOrder',
      data: {
        orderId: tab.orderId,
        storeId: tab.storeId,
        registerId: data.registerId ?? tab.registerId,
        shiftId: data.shiftId ?? tab.shiftId,
        ...(data.orderNumber === undefined ? {} : { orderNumber: data.orderNumber }),
        channel: tab.channel,
        ...(terms.placeOfSupply === undefined ? {} : { placeOfSupply: terms.placeOfSupply }),
        lines: live.map((entry) => {
          const { seat: _seat, ...orderLine } = entry.line;
          return { ...orderLine, quantity: liveQuantity(entry) };
        }),
        ...(terms.orderDiscount === undefined ? {} : { orderDiscount: terms.orderDiscount }),
        ...(terms.serviceCharge === undefined ? {} : { serviceCharge: terms.serviceCharge }),
        tenders,
        ...(terms.customerId === undefined ? {} : { customerId: terms.customerId }),
      },
      context: {
        store: context.store,
        catalog: tabCatalog(tab),
        ...(context.customer === undefined ? {} : { customer: context.customer }),
      },
    });

  if (!tab.split) {
    if (data.part !== undefined) return domainError('TAB.NOT_SPLIT', 'data.part', 'this bill is not split');
    const placed = sale(data.tenders);
    return placed instanceof Error ? placed : [...placed, settled(placed)];
  }
  if (data.part === undefined)
    return domainError(
      'TAB.PART_REQUIRED',
      'data.part',
      `the bill is split in ${tab.split.parts.length}; name the part`,
    );
  const part = tab.split.parts.find((candidate) => candidate.part === data.part);
  if (!part) return domainError('TAB.UNKNOWN_PART', 'data.part', `the bill has parts 1 to ${tab.split.parts.length}`);
  if (part.paid) return domainError('TAB.PART_ALREADY_PAID', 'data.part', `part ${part.part} is already paid`);
  const points = data.tenders.findIndex((tender) => tender.kind === 'loyalty');
  if (points >= 0)
    return domainError(
      'TAB.LOYALTY_ON_PART',
      fieldPath('data.tenders', points, 'kind'),
      'points redeem against the whole bill; settle it unsplit to pay with points',
    );
  const earlierIds = new Set(tab.split.parts.flatMap((other) => other.paid?.tenders.map((t) => t.paymentId) ?? []));
  const reused = data.tenders.findIndex((tender) => earlierIds.has(tender.paymentId));
  if (reused >= 0)
    return domainError(
      'PAYMENT.DUPLICATE_PAYMENT_ID',
      fieldPath('data.tenders', reused, 'paymentId'),
      'another part was paid with this payment id',
    );
  const settlement = settleTenders(part.payablePaise, data.tenders, 'data.tenders');
  if (settlement instanceof Error) return settlement;
  const paid: BillPartPaid = {
    type: 'BillPartPaid',
    data: {
      orderId: tab.orderId,
      part: part.part,
      payablePaise: part.payablePaise,
      tenders: data.tenders,
      changePaise: settlement.changePaise,
    },
  };
  const unpaid = tab.split.parts.filter((other) => !other.paid && other.part !== part.part);
  if (unpaid.length > 0) return [paid];
  const allTenders = [...tab.split.parts.flatMap((other) => other.paid?.tenders ?? []), ...data.tenders];
  const placed = sale(allTenders);
  return placed instanceof Error ? placed : [paid, ...placed, settled(placed)];
};

const closeEmptyTab = ({ data }: CloseEmptyTab, tab: TabState): Decision<TabStreamEvent> => {
  const live = liveLines(tab);
  if (live.length > 0)
    return domainError(
      'TAB.NOT_EMPTY',
      'data.orderId',
      `${live.length} line${live.length === 1 ? ' is' : 's are'} still on the tab; cancel or settle them`,
    );
  return [{ type: 'EmptyTabClosed', data: { orderId: data.orderId, reason: data.reason } }];
};

/** Decides a tab command on an order stream's state. */
export const decideTab = (command: TabCommand, state: { status: string }): Decision<TabStreamEvent> => {
  if (command.type === 'OpenTab') return openTab(command, state);
  const tab = openTabOf(state);
  if (tab instanceof Error) return tab;
  switch (command.type) {
    case 'FireRound':
      return fireRound(command, tab);
    case 'CancelTabLine':
      return cancelLine(command, tab);
    case 'MoveTab':
      return moveTab(command, tab);
    case 'PrintBill':
      return printBill(command, tab);
    case 'SplitBill':
      return splitBill(command, tab);
    case 'SettleTab':
      return settleTab(command, tab);
    case 'CloseEmptyTab':
      return closeEmptyTab(command, tab);
    default:
      return assertNever(command);
  }
};
