import type { CatalogEntry } from '../catalog/catalog-entry.js';
import { assertNever } from '../decider.js';
import type { CheckoutEvent } from './checkout.js';
import type { OrderChannel } from './order.commands.js';
import type { BillSplitRequest, BillTerms, TabLineRequest } from './tab.commands.js';
import type { BillPart, BillPartPaid, TabEvent } from './tab.events.js';

export type TabLineState = {
  line: TabLineRequest;
  round: number;
  cancelledQuantity: number;
  /** On a printed bill: a cancellation from now on is one after the bill. */
  billed: boolean;
};

export type RunningTab = {
  orderId: string;
  storeId: string;
  registerId: string | null;
  shiftId: string | null;
  channel: OrderChannel;
  table?: string;
  name?: string;
  covers: number;
  rounds: number;
  /** The lines each round fired, by round id: a retried round is recognised, a reused id refused. */
  roundLines: Readonly<Record<string, ReadonlyArray<string>>>;
  lines: ReadonlyArray<TabLineState>;
  /** Each item's catalog entry as the tab first fired it: its price for the rest of the meal. */
  prices: Readonly<Record<string, CatalogEntry>>;
  bills: number;
  lastBill?: { billNumber: number; terms: BillTerms; lines: ReadonlyArray<readonly [string, number]> };
  split?: { method: BillSplitRequest['method']; parts: ReadonlyArray<BillPart & { paid?: BillPartPaid['data'] }> };
};

export type TabState = ({ status: 'open' } & RunningTab) | ({ status: 'closed' } & RunningTab);

/** What a tab's stream holds before its order is placed, and the sale the last settlement appends. */
export type TabStreamEvent = TabEvent | CheckoutEvent;
/** What is still on a line: fired, less what was cancelled. */
export const liveQuantity = (entry: TabLineState): number => entry.line.quantity - entry.cancelledQuantity;
/** The lines still on the tab, in the order they were fired. */
export const liveLines = (tab: RunningTab): TabLineState[] => tab.lines.filter((entry) => liveQuantity(entry) > 0);
/** Whether some part of a split bill is paid: the tab's lines are then fixed. */
export const partPaid = (tab: RunningTab): boolean => tab.split?.parts.some((part) => part.paid) ?? false;

/** Records a tab event; a tab event on a stream that is not an open tab changes nothing. */
export const evolveTab = <State extends { status: string }>(state: State, event: TabEvent): State | TabState => {
  if (event.type === 'TabOpened') {
    const { orderId, storeId, registerId, shiftId, channel, table, name, covers } = event.data;
    return {
      status: 'open',
      orderId,
      storeId,
      registerId,
      shiftId,
      channel,
      ...(table === undefined ? {} : { table }),
      ...(name === undefined ? {} : { name }),
      covers,
      rounds: 0,
      roundLines: {},
      lines: [],
      prices: {},
      bills: 0,
    };
  }
  if (state.status !== 'open') return state;
  const tab = state as unknown as TabState;
  // Lines that change drop a split nobody has paid into: its parts no longer add up.
  const { split: _split, ...unsplit } = tab;
  switch (event.type) {
    case 'RoundFired':
      return {
        ...unsplit,
        rounds: event.data.round,
        roundLines: { ...tab.roundLines, [event.data.roundId]: event.data.lines.map((line) => line.lineId) },
        lines: [
          ...tab.lines,
          ...event.data.lines.map((line) => ({ line, round: event.data.round, cancelledQuantity: 0, billed: false })),
        ],
        prices: { ...tab.prices, ...Object.fromEntries(event.data.prices.map((entry) => [entry.itemId, entry])) },
      };
    case 'TabLineCancelled':
      return {
        ...unsplit,
        lines: tab.lines.map((entry) =>
          entry.line.lineId === event.data.lineId
            ? { ...entry, cancelledQuantity: entry.cancelledQuantity + event.data.quantity }
            : entry,
        ),
      };
    case 'TabMoved':
      return { ...tab, table: event.data.toTable };
    case 'BillPrinted':
      return {
        ...tab,
        bills: event.data.billNumber,
        lastBill: {
          billNumber: event.data.billNumber,
          terms: event.data.terms,
          lines: event.data.lines.map((line) => [line.lineId, line.quantity] as const),
        },
        lines: tab.lines.map((entry) => (liveQuantity(entry) > 0 ? { ...entry, billed: true } : entry)),
      };
    case 'BillSplit':
      return { ...tab, split: { method: event.data.method, parts: event.data.parts } };
    case 'BillPartPaid':
      return {
        ...tab,
        split: tab.split && {
          ...tab.split,
          parts: tab.split.parts.map((part) => (part.part === event.data.part ? { ...part, paid: event.data } : part)),
        },
      };
    case 'TabSettled':
      return tab;
    case 'EmptyTabClosed':
      return { ...tab, status: 'closed' };
    default:
      return assertNever(event);
  }
};
