import {
  DomainError,
  formatRupees,
  orderDecider,
  orderDrawerFacts,
  orderStreamId,
  shiftDecider,
  shiftDrawerReactions,
  type EventEnvelope,
  type OfflineConflict,
  type OrderState,
  type ShiftClosed,
} from '@possier/events';
import { foldStream } from '../commands/folded-streams.js';
import type { Caller, LedgerContext } from '../commands/ledger-context.js';
import { runReactions } from '../commands/reactions.js';
import type { CommandOutcome } from '../commands/stream-executor.js';

/**
 * Runs the drawer records that follow from an order decision's events, each once. A refusal
 * (the shift was counted between the order's check and this record) leaves the order standing
 * and is returned by the source event it concerns.
 */
const recordDrawerCash = async (
  ledger: LedgerContext,
  caller: Caller,
  produced: ReadonlyArray<EventEnvelope>,
  state: OrderState,
): Promise<Map<string, DomainError>> => {
  const refused = new Map<string, DomainError>();
  for (const reaction of shiftDrawerReactions(produced, orderDrawerFacts(state))) {
    try {
      await runReactions(ledger, caller, produced, [reaction], shiftDecider);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refused.set(reaction.sourceEventId, error);
    }
  }
  return refused;
};

/**
 * After a checkout, void or refund online: the cash it moved through a shift's drawer. The
 * command checked the drawer was open before it was decided, so a refusal here is a close that
 * raced it; the sale stands, and the close was counted without it.
 */
export const drawerAfter = async (ledger: LedgerContext, caller: Caller, outcome: CommandOutcome) => {
  await recordDrawerCash(ledger, caller, outcome.produced, outcome.state as OrderState);
};

const DRAWER_SOURCES = new Set(['OrderPlaced', 'OrderVoided', 'OrderRefunded']);

/**
 * The drawer records of a replayed batch's stored sales, voids and refunds, in the order the
 * register decided them, before the batch's shift closes are stored: the register counted its
 * drawer after those sales. A record the shift refuses (the server has no open shift by that id)
 * comes back as a conflict of the source event; the sale stands. Duplicates come here too, so a
 * batch retried after a crash records what the first attempt did not.
 */
export const recordReplayedDrawers = async (
  ledger: LedgerContext,
  caller: Caller,
  decisions: ReadonlyArray<ReadonlyArray<EventEnvelope>>,
): Promise<Map<string, OfflineConflict[]>> => {
  const conflicts = new Map<string, OfflineConflict[]>();
  for (const decision of decisions) {
    const source = decision.find((event) => DRAWER_SOURCES.has(event.type));
    if (!source) continue;
    // A void replayed alone does not say what the sale took; the order's stream does.
    const state =
      source.type === 'OrderVoided'
        ? await foldStream(ledger.store, source.orgId, orderStreamId(orderIdOf(source)), orderDecider)
        : orderDecider.initialState();
    const refused = await recordDrawerCash(ledger, caller, decision, state);
    for (const [eventId, error] of refused) {
      conflicts.set(eventId, [
        {
          kind: 'other',
          path: 'data.shiftId',
          detail: `the drawer did not take this cash: ${error.reason}`,
        },
      ]);
    }
  }
  return conflicts;
};

const orderIdOf = (event: EventEnvelope): string => (event.data as { orderId: string }).orderId;

/**
 * A close replayed from a register carries the takings the register summed from its own drawer
 * records; the ledger holds the shift's records from the sales it stored. The close stands — the
 * drawer was counted — and a difference (a sale the ledger refused, say) is its conflict.
 */
export const replayedCloseConflicts = async (
  ledger: LedgerContext,
  decision: ReadonlyArray<EventEnvelope>,
): Promise<Map<string, OfflineConflict[]>> => {
  const found = new Map<string, OfflineConflict[]>();
  for (const event of decision.filter((candidate) => candidate.type === 'ShiftClosed')) {
    const state = await foldStream(ledger.store, event.orgId, event.streamId, shiftDecider);
    if (state.status !== 'open') continue;
    const recorded = (event.data as ShiftClosed['data']).cashTakings;
    const held = state.cashTakings;
    const differing = (['cashSalesPaise', 'changeGivenPaise', 'cashRefundsPaise'] as const).filter(
      (figure) => recorded[figure] !== held[figure],
    );
    if (differing.length === 0) continue;
    found.set(
      event.eventId,
      differing.map((figure) => ({
        kind: 'other' as const,
        path: `data.cashTakings.${figure}`,
        detail: `the register counted ${formatRupees(recorded[figure])}; the shift's stored sales come to ${formatRupees(held[figure])}`,
        recorded: recorded[figure],
        current: held[figure],
      })),
    );
  }
  return found;
};
