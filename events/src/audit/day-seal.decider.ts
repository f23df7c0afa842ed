import { assertNever, type Decider, type Decision } from '../decider.js';
import { DomainError, domainError } from '../errors.js';
import { parseOrError } from '../validation.js';
import { CloseBusinessDay } from './audit.commands.js';
import type { DaySealEvent } from './audit.events.js';

export type DaySealCommand = CloseBusinessDay;

/**
 * One store's sealed days, as far as the next seal needs them: where the last span ended and
 * its root, to which the next seal must join.
 */
export type DaySealState =
  | { status: 'none' }
  | {
      status: 'sealing';
      storeId: string;
      lastClosedDate: string;
      throughPosition: string | null;
      merkleRoot: string;
    };

/** Log positions sort as text; null (before the first event) sorts first. */
const after = (position: string | null, than: string | null): boolean =>
  position !== null && (than === null || position > than);

const closeBusinessDay = ({ data }: CloseBusinessDay, state: DaySealState): Decision<DaySealEvent> => {
  const last = state.status === 'sealing' ? state : { storeId: data.storeId, merkleRoot: null };
  if (last.storeId !== data.storeId) {
    return domainError('AUDIT.WRONG_STREAM', 'data.storeId', `this stream seals store ${last.storeId}`);
  }
  if (state.status === 'sealing' && data.businessDate <= state.lastClosedDate) {
    return domainError(
      'AUDIT.DAY_ALREADY_CLOSED',
      'data.businessDate',
      data.businessDate === state.lastClosedDate
        ? `${data.businessDate} is already closed`
        : `${state.lastClosedDate}, a later day, is already closed`,
    );
  }
  // A store's first span starts wherever its chained events start: after its last event stored
  // before the chain existed, if it has any. Every later span starts where the last one ended.
  if (state.status === 'sealing' && data.afterPosition !== state.throughPosition) {
    return domainError('AUDIT.SEAL_NOT_CONTIGUOUS', 'data.afterPosition', 'must start where the last seal ended');
  }
  if (data.previousMerkleRoot !== last.merkleRoot) {
    return domainError('AUDIT.SEAL_NOT_CONTIGUOUS', 'data.previousMerkleRoot', "must be the last seal's root");
  }
  const grows = after(data.throughPosition, data.afterPosition);
  if (data.eventCount === 0 ? data.throughPosition !== data.afterPosition : !grows) {
    return domainError(
      'AUDIT.SEAL_INCONSISTENT',
      'data.throughPosition',
      data.eventCount === 0
        ? 'an empty span must end where it starts'
        : 'must lie after afterPosition when the span has events',
    );
  }
  return [{ type: 'BusinessDayClosed', data }];
};

const decide = (command: DaySealCommand, state: DaySealState): Decision<DaySealEvent> => {
  const parsed = parseOrError(CloseBusinessDay, command);
  if (parsed instanceof DomainError) return parsed;
  switch (parsed.type) {
    case 'CloseBusinessDay':
      return closeBusinessDay(parsed, state);
    default:
      return assertNever(parsed.type);
  }
};

const evolve = (_state: DaySealState, event: DaySealEvent): DaySealState => {
  switch (event.type) {
    case 'BusinessDayClosed':
      return {
        status: 'sealing',
        storeId: event.data.storeId,
        lastClosedDate: event.data.businessDate,
        throughPosition: event.data.throughPosition,
        merkleRoot: event.data.merkleRoot,
      };
  }
};

const initialState = (): DaySealState => ({ status: 'none' });

/** The `audit_day-<storeId>` stream: one BusinessDayClosed per closed day, each joined to the last. */
export const daySealDecider: Decider<DaySealCommand, DaySealEvent, DaySealState> = { decide, evolve, initialState };
