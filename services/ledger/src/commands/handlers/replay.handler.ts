import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DomainError,
  domainError,
  EventIdConflictError,
  eventRegistry,
  MoneyOverflowError,
  verifyOrderPlaced,
  type AppendResult,
  type ErrorDetail,
  type OfflineConflict,
  type EventEnvelope,
  type OrderPlaced,
  type RegisterPrincipal,
  type ReplayResponse,
  type ReplayVerdict,
  type TenancyStore,
  orderDecider,
  moveDateTime,
  orderNotFound,
  orderStreamId,
  placeReplayedEvent,
  unknownCustomer,
} from '@possier/events';
import { ReplayCommand } from '../commands.js';
import { foldStream } from '../folded-streams.js';
import { judgeReplayedSales } from '../../offline/judge-offline-sale.js';
import { appendReplayedReversal, isReversal } from '../../offline/replayed-reversals.js';
import { customerState } from '../../customers/customer-directory.js';
import { settleReplayedLoyalty } from '../../loyalty/order-loyalty.js';
import { recordReplayedDrawers, replayedCloseConflicts } from '../../shifts/shift-drawer.js';
import { LedgerContext } from '../ledger-context.js';

/**
 * `stored`: the decision's events as the ledger stored them, when not as sent (a reversal judged
 * against others: cut, or reversing nothing), for what reacts to them (loyalty, drawers).
 */
type DecisionOutcome =
  { kind: 'stored'; result: AppendResult; stored?: EventEnvelope[] } | { kind: 'rejected'; reasons: ErrorDetail[] };

/** What a register decides on its own and may therefore replay; catalog, invoices and tenancy are decided online. */
const REPLAYABLE = new Set([
  'OrderPlaced',
  'PaymentTendered',
  'StockDepleted',
  'OrderVoided',
  'OrderRefunded',
  'TipAdjusted',
  'ShiftOpened',
  'CashMoved',
  'ShiftClosed',
  'StockAdjusted',
]);

/** What a register records on an order after placing it. */
const ORDER_FOLLOW_UPS = new Set(['PaymentTendered', 'TipAdjusted', 'OrderVoided', 'OrderRefunded', 'StockDepleted']);

const mergeConflicts = (
  ...maps: ReadonlyArray<ReadonlyMap<string, OfflineConflict[]>>
): Map<string, OfflineConflict[]> => {
  const merged = new Map<string, OfflineConflict[]>();
  for (const map of maps) {
    for (const [eventId, found] of map) {
      const known = merged.get(eventId) ?? [];
      merged.set(eventId, [...known, ...found.filter((conflict) => !known.includes(conflict))]);
    }
  }
  return merged;
};

/**
 * One decision of the register: consecutive events of one stream caused by the same command.
 * They were decided together, so they are appended together or refused together.
 */
const decisionsOf = (events: ReadonlyArray<EventEnvelope>): EventEnvelope[][] => {
  const runs: EventEnvelope[][] = [];
  for (const event of events) {
    const run = runs.at(-1);
    const head = run?.[0];
    if (
      run &&
      head &&
      head.streamId === event.streamId &&
      head.causationId === event.causationId &&
      head.correlationId === event.correlationId
    ) {
      run.push(event);
    } else {
      runs.push([event]);
    }
  }
  return runs;
};

/** Checks one replayed event against the register that sent it; undefined when it may stand. */
const checkEvent = (
  event: EventEnvelope,
  register: RegisterPrincipal,
  store: TenancyStore,
): DomainError | undefined => {
  if (!REPLAYABLE.has(event.type)) {
    return domainError('REPLAY.TYPE_NOT_ALLOWED', 'type', `a register does not record ${event.type}`);
  }
  if (event.orgId !== register.orgId) return domainError('AUTH.WRONG_ORG', 'orgId', 'the event names another org');
  if (event.storeId !== register.storeId) {
    return domainError(
      'AUTH.FORBIDDEN',
      'storeId',
      `register ${register.registerId} may only record for its store ${register.storeId}`,
    );
  }
  if (event.registerId !== register.registerId) {
    return domainError('AUTH.FORBIDDEN', 'registerId', `register ${register.registerId} may only record as itself`);
  }
  if (event.brandId !== store.brandId)
    return domainError('AUTH.FORBIDDEN', 'brandId', 'the event names another brand than its store’s');
  const valid = eventRegistry.validate(event);
  if (valid instanceof DomainError) return valid;
  const data = valid.data as { storeId?: string; registerId?: string | null; imported?: unknown };
  if (data.imported !== undefined)
    return domainError(
      'AUTH.FORBIDDEN',
      'data.imported',
      'a register records its own sales; only an owner’s import marks events as imported',
    );
  if (data.storeId !== undefined && data.storeId !== register.storeId) {
    return domainError(
      'AUTH.FORBIDDEN',
      'data.storeId',
      `register ${register.registerId} may only record for its store`,
    );
  }
  if (data.registerId !== undefined && data.registerId !== null && data.registerId !== register.registerId) {
    return domainError(
      'AUTH.FORBIDDEN',
      'data.registerId',
      `register ${register.registerId} may only record as itself`,
    );
  }
  if (event.type !== 'OrderPlaced') return undefined;
  try {
    return verifyOrderPlaced(valid.data as OrderPlaced['data']);
  } catch (error) {
    // Figures each safe on their own whose re-priced sums are not: this event's refusal, not the batch's.
    if (error instanceof MoneyOverflowError) return domainError('MONEY.OVERFLOW', 'data', error.message);
    throw error;
  }
};

const detail = (error: { code: string; path: string; reason: string }): ErrorDetail => ({
  code: error.code,
  path: error.path,
  reason: error.reason,
});

/**
 * The offline register's outbox, replayed: each decision is re-validated (envelope, schema, the
 * register's own org, store and register, an order's figures re-priced from what it records) and
 * appended as it was decided — the sale happened, so it is appended to its stream whatever the
 * stream's version — or refused with the field and the reason. A decision already stored is a
 * duplicate; nothing is ever stored twice.
 */
@CommandHandler(ReplayCommand)
export class ReplayHandler implements ICommandHandler<ReplayCommand, ReplayResponse> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  async execute({ batch, caller }: ReplayCommand): Promise<ReplayResponse> {
    const { claims } = caller;
    if (claims.kind !== 'register') {
      throw domainError('AUTH.FORBIDDEN', '', 'only a register replays its own outbox');
    }
    const allowed = await this.ledger.authorize(caller, 'register.replay', {
      storeId: claims.storeId,
      registerId: batch.registerId,
    });
    if (allowed instanceof DomainError) throw allowed;
    const store = allowed.store as TenancyStore;

    const outcomes: Array<DecisionOutcome | undefined> = [];
    const decisions = decisionsOf(batch.events);
    const valid: number[] = [];
    decisions.forEach((decision, index) => {
      const problems = decision.map((event) => checkEvent(event, claims, store));
      const firstProblem = problems.findIndex((problem) => problem !== undefined);
      if (firstProblem < 0) {
        valid.push(index);
        return;
      }
      const failing = decision[firstProblem] as EventEnvelope;
      const reasons = problems.map(
        (problem) =>
          (problem && detail(problem)) ?? {
            code: 'REPLAY.DECISION_REJECTED',
            path: '',
            reason: `decided together with event ${failing.eventId}, which was rejected`,
          },
      );
      outcomes[index] = { kind: 'rejected', reasons };
    });

    await this.refuseUnknownCustomers(decisions, valid, outcomes, claims.orgId);

    const now = this.ledger.clock();
    const clockSkewMs = batch.registerClock === undefined ? undefined : Date.parse(batch.registerClock) - now.getTime();
    const clockConflicts = this.place(decisions, valid, clockSkewMs, now);
    const reversals = { recordedAt: now.toISOString(), conflicts: new Map<string, OfflineConflict[]>() };

    // Decisions on different streams do not depend on each other, so they are appended at once
    // (the store groups concurrent appends into shared commits); on one stream they keep their order.
    // A shift's close waits for the drawer records of the batch's sales: the register counted
    // the drawer after them.
    const closes = valid.filter((index) =>
      (decisions[index] as EventEnvelope[]).some((event) => event.type === 'ShiftClosed'),
    );
    const byStream = new Map<string, number[]>();
    for (const index of valid) {
      if (closes.includes(index)) continue;
      const streamId = (decisions[index] as EventEnvelope[])[0]?.streamId as string;
      byStream.set(streamId, [...(byStream.get(streamId) ?? []), index]);
    }
    await Promise.all(
      [...byStream.values()].map(async (indexes) => {
        for (const index of indexes)
          outcomes[index] = await this.append(decisions[index] as EventEnvelope[], claims.storeId, reversals);
      }),
    );
    const storedOf = (indexes: ReadonlyArray<number>) =>
      indexes.flatMap((index) => {
        const outcome = outcomes[index];
        if (outcome?.kind !== 'stored') return [];
        const events = outcome.stored ?? (decisions[index] as EventEnvelope[]);
        return events.length > 0 ? [events] : [];
      });
    const drawerConflicts = await recordReplayedDrawers(this.ledger, caller, storedOf(valid));
    const closeConflicts = new Map<string, OfflineConflict[]>();
    for (const index of closes) {
      const decision = decisions[index] as EventEnvelope[];
      for (const [eventId, found] of await replayedCloseConflicts(this.ledger, decision))
        closeConflicts.set(eventId, found);
      outcomes[index] = await this.append(decision, claims.storeId, reversals);
    }

    const stored = storedOf(valid);
    const loyaltyConflicts = await settleReplayedLoyalty(this.ledger, caller, stored);
    const found = mergeConflicts(clockConflicts, reversals.conflicts, loyaltyConflicts, drawerConflicts);
    const conflicts = mergeConflicts(await this.judge(stored, claims, store, found, now), found, closeConflicts);

    const verdicts: ReplayVerdict[] = [];
    decisions.forEach((decision, index) => {
      const outcome = outcomes[index] as DecisionOutcome;
      decision.forEach((event, position) => {
        if (outcome.kind === 'rejected') {
          verdicts.push({
            eventId: event.eventId,
            verdict: 'rejected',
            error: outcome.reasons[position] as ErrorDetail,
          });
          return;
        }
        if (outcome.result.duplicate) {
          verdicts.push({ eventId: event.eventId, verdict: 'duplicate' });
          return;
        }
        const globalPosition = outcome.result.globalPositions[position] as number;
        const found = conflicts.get(event.eventId);
        verdicts.push(
          found
            ? { eventId: event.eventId, verdict: 'accepted_with_conflict', globalPosition, conflicts: found }
            : { eventId: event.eventId, verdict: 'accepted', globalPosition },
        );
      });
    });
    if (batch.outbox || clockSkewMs !== undefined) {
      await this.ledger.registerSync.record({
        orgId: claims.orgId,
        storeId: claims.storeId,
        registerId: claims.registerId,
        batchId: batch.batchId,
        outbox: batch.outbox,
        clockSkewMs,
      });
    }
    if (clockSkewMs !== undefined) this.ledger.observeTillClock(clockSkewMs);
    return { batchId: batch.batchId, verdicts, ...(clockSkewMs === undefined ? {} : { clockSkewMs }) };
  }

  /**
   * Places each valid decision in time before it is appended: by the till's corrected clock when
   * it is off by more than the tolerance, and within the offline window (clock-policy.ts). A
   * decision's events move together; what moved them is a conflict on its first event. A retried
   * batch may measure a slightly different skew: the store keeps the first placement (a stored
   * event's time is not what makes it the same event).
   */
  private place(
    decisions: ReadonlyArray<EventEnvelope[]>,
    valid: ReadonlyArray<number>,
    clockSkewMs: number | undefined,
    now: Date,
  ): Map<string, OfflineConflict[]> {
    const conflicts = new Map<string, OfflineConflict[]>();
    for (const index of valid) {
      const decision = decisions[index] as EventEnvelope[];
      const first = decision[0] as EventEnvelope;
      const placement = placeReplayedEvent(first.occurredAt, clockSkewMs, now, this.ledger.clockPolicy);
      if (placement.conflicts.length === 0) continue;
      conflicts.set(first.eventId, placement.conflicts);
      decision.forEach((event, position) => {
        decision[position] = { ...event, occurredAt: moveDateTime(event.occurredAt, placement.movedMs) };
      });
    }
    return conflicts;
  }

  /**
   * A sale to a customer the org has never registered is refused (the till's cache cannot invent
   * one); a sale to a customer erased while the till was offline stands: the sale happened, and the
   * customer now reads as erased wherever it is shown. Drops refused decisions from `valid`.
   */
  private async refuseUnknownCustomers(
    decisions: ReadonlyArray<EventEnvelope[]>,
    valid: number[],
    outcomes: Array<DecisionOutcome | undefined>,
    orgId: string,
  ): Promise<void> {
    const customerOf = (decision: ReadonlyArray<EventEnvelope>): string | undefined =>
      (decision.find((event) => event.type === 'OrderPlaced')?.data as { customerId?: string } | undefined)?.customerId;
    const named = new Set(valid.flatMap((index) => customerOf(decisions[index] as EventEnvelope[]) ?? []));
    if (named.size === 0) return;
    const known = new Set<string>();
    for (const customerId of named) {
      if ((await customerState(this.ledger.store, orgId, customerId)).status !== 'none') known.add(customerId);
    }
    for (const index of [...valid]) {
      const decision = decisions[index] as EventEnvelope[];
      const customerId = customerOf(decision);
      if (customerId === undefined || known.has(customerId)) continue;
      valid.splice(valid.indexOf(index), 1);
      outcomes[index] = {
        kind: 'rejected',
        reasons: decision.map((event) =>
          event.type === 'OrderPlaced'
            ? unknownCustomer().toJSON()
            : {
                code: 'REPLAY.DECISION_REJECTED',
                path: '',
                reason: 'decided together with an order naming an unknown customer, which was rejected',
              },
        ),
      };
    }
  }

  /**
   * Appends one decision as it was decided — the sale happened, whatever the stream's version — or
   * says why not. A void or refund is judged against the reversals already stored for its sale
   * first (replayed-reversals.ts); what that found goes into `reversals.conflicts`.
   */
  private async append(
    decision: EventEnvelope[],
    storeId: string,
    reversals: { recordedAt: string; conflicts: Map<string, OfflineConflict[]> },
  ): Promise<DecisionOutcome> {
    const { orgId, streamId } = decision[0] as EventEnvelope;
    const orphan = await this.orphanOnOrder(decision, storeId);
    if (orphan) return { kind: 'rejected', reasons: decision.map(() => orphan.toJSON()) };
    const reversal = decision.find(isReversal);
    if (reversal && !decision.some((event) => event.type === 'OrderPlaced')) {
      const judged = await appendReplayedReversal(this.ledger.store, decision, reversal, reversals.recordedAt);
      if (judged.conflicts.length > 0) reversals.conflicts.set(reversal.eventId, judged.conflicts);
      return { kind: 'stored', result: judged.result, stored: judged.stored };
    }
    try {
      const result = await this.ledger.store.append({ orgId, streamId }, 'any', decision);
      return { kind: 'stored', result };
    } catch (error) {
      // Only the org's own events can conflict: another org's use of an id is another event.
      if (!(error instanceof EventIdConflictError)) throw error;
      const reason = { code: 'EVENT.ID_CONFLICT', path: 'eventId', reason: `event ${error.eventId} ${error.detail}` };
      return { kind: 'rejected', reasons: decision.map(() => reason) };
    }
  }

  /**
   * A payment, tip or void names an order: one this store placed, stored or earlier in the batch
   * (a stream's decisions are appended in order). Otherwise it is refused, never stored on an
   * order stream of its own.
   */
  private async orphanOnOrder(
    decision: ReadonlyArray<EventEnvelope>,
    storeId: string,
  ): Promise<DomainError | undefined> {
    if (decision.some((event) => event.type === 'OrderPlaced')) return undefined;
    const onOrder = decision.find((event) => ORDER_FOLLOW_UPS.has(event.type));
    if (!onOrder) return undefined;
    const { orderId } = onOrder.data as { orderId: string };
    const state = await foldStream(this.ledger.store, onOrder.orgId, orderStreamId(orderId), orderDecider);
    if (state.status === 'none' || onOrder.streamId !== orderStreamId(orderId)) return orderNotFound();
    if (state.storeId !== storeId)
      return domainError('AUTH.FORBIDDEN', 'data.orderId', 'the order was placed in another store');
    return undefined;
  }

  /**
   * Judges the stored sales against what changed while the register was offline and records the
   * conflicts beside them. Duplicates are judged too: if the ledger stopped between a sale's commit
   * and its conflict's, the retried batch records the conflict then (its id is derived from the
   * sale's, so it is never recorded twice, and a second judgement never replaces the first).
   */
  private async judge(
    decisions: ReadonlyArray<ReadonlyArray<EventEnvelope>>,
    register: RegisterPrincipal,
    store: TenancyStore,
    found: ReadonlyMap<string, OfflineConflict[]>,
    now: Date,
  ): Promise<Map<string, OfflineConflict[]>> {
    const judgement = await judgeReplayedSales(decisions, {
      orgId: register.orgId,
      storeId: register.storeId,
      catalog: (itemIds) => this.ledger.catalogFor(register.orgId, store.brandId, register.storeId, itemIds),
      stock: this.ledger.stockLevels,
      recordedAt: now.toISOString(),
      found,
    });
    await Promise.all(
      judgement.records.map(async (record) => {
        try {
          await this.ledger.store.append({ orgId: record.orgId, streamId: record.streamId }, 'any', [record]);
        } catch (error) {
          // Judged again on a retried batch, a sale's conflicts carry a new time (and stock may
          // have moved since): the record first made stands, and this one is not another.
          if (!(error instanceof EventIdConflictError && error.eventId === record.eventId)) throw error;
        }
      }),
    );
    return judgement.conflictsByEvent;
  }
}
