import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DomainError,
  domainError,
  EventIdConflictError,
  eventRegistry,
  StreamOrgMismatchError,
  verifyOrderPlaced,
  type ErrorDetail,
  type EventEnvelope,
  type OrderPlaced,
  type RegisterPrincipal,
  type ReplayResponse,
  type ReplayVerdict,
  type TenancyStore,
} from '@possier/events';
import { ReplayCommand } from '../commands.js';
import { LedgerContext } from '../ledger-context.js';

/** What a register decides on its own and may therefore replay; catalog, invoices and tenancy are decided online. */
const REPLAYABLE = new Set([
  'OrderPlaced',
  'PaymentTendered',
  'StockDepleted',
  'OrderVoided',
  'TipAdjusted',
  'ShiftOpened',
  'CashMoved',
  'ShiftClosed',
  'StockAdjusted',
]);

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
  const data = valid.data as { storeId?: string; registerId?: string | null };
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
  if (event.type === 'OrderPlaced') return verifyOrderPlaced(valid.data as OrderPlaced['data']);
  return undefined;
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

    const verdicts: ReplayVerdict[] = [];
    for (const decision of decisionsOf(batch.events)) {
      const problems = decision.map((event) => checkEvent(event, claims, store));
      const firstProblem = problems.findIndex((problem) => problem !== undefined);
      if (firstProblem >= 0) {
        const failing = decision[firstProblem] as EventEnvelope;
        decision.forEach((event, index) => {
          const problem = problems[index];
          verdicts.push({
            eventId: event.eventId,
            verdict: 'rejected',
            error: problem
              ? detail(problem)
              : {
                  code: 'REPLAY.DECISION_REJECTED',
                  path: '',
                  reason: `decided together with event ${failing.eventId}, which was rejected`,
                },
          });
        });
        continue;
      }
      const streamId = (decision[0] as EventEnvelope).streamId;
      try {
        const result = await this.ledger.store.append(streamId, 'any', decision);
        decision.forEach((event, index) =>
          verdicts.push(
            result.duplicate
              ? { eventId: event.eventId, verdict: 'duplicate' }
              : {
                  eventId: event.eventId,
                  verdict: 'accepted',
                  globalPosition: result.globalPositions[index] as number,
                },
          ),
        );
      } catch (error) {
        if (!(error instanceof EventIdConflictError || error instanceof StreamOrgMismatchError)) throw error;
        const reason =
          error instanceof EventIdConflictError
            ? { code: 'EVENT.ID_CONFLICT', path: 'eventId', reason: `event ${error.eventId} ${error.detail}` }
            : { code: 'AUTH.WRONG_ORG', path: 'streamId', reason: 'the stream belongs to another org' };
        for (const event of decision) verdicts.push({ eventId: event.eventId, verdict: 'rejected', error: reason });
      }
    }
    return { batchId: batch.batchId, verdicts };
  }
}
