import { assertNever, type Decider, type Decision } from '../decider.js';
import { DomainError, domainError } from '../errors.js';
import { parseOrError } from '../validation.js';
import { AmendBusinessDay, CloseBusinessDay } from './audit.commands.js';
import type { DaySeal, DaySealEvent } from './audit.events.js';

export type DaySealCommand = CloseBusinessDay | AmendBusinessDay;

/**
 * A sealed date's last seal: where the next amendment starts, the root it must join, and the zone
 * the date was taken in, which the amendment keeps.
 */
export type SealedDate = { amendment: number; throughPosition: string | null; merkleRoot: string; timeZone: string };

/** One store's sealed business dates, in any order they were sealed. */
export type DaySealState = { storeId: string | null; dates: Readonly<Record<string, SealedDate>> };

/** Log positions sort as text; null (before the first event) sorts first. */
const after = (position: string | null, than: string | null): boolean =>
  position !== null && (than === null || position > than);

const DaySealCommandSchema = CloseBusinessDay.or(AmendBusinessDay);

/**
 * Whether `storeId`'s date may be sealed now, as a close (`amendment` false) or an amendment: the
 * rule the decider applies, also asked by the ledger before it spends a signature on a refusal.
 */
export const sealRefusal = (
  state: DaySealState,
  storeId: string,
  businessDate: string,
  amendment: boolean,
): DomainError | null => {
  if (state.storeId !== null && state.storeId !== storeId) {
    return domainError('AUDIT.WRONG_STREAM', 'data.storeId', `this stream seals store ${state.storeId}`);
  }
  const sealed = state.dates[businessDate];
  if (!amendment && sealed) {
    return domainError(
      'AUDIT.DAY_ALREADY_SEALED',
      'data.businessDate',
      `${businessDate} is already sealed; events of it stored since are sealed by an amendment (possier audit amend)`,
    );
  }
  if (amendment && !sealed) {
    return domainError('AUDIT.DAY_NOT_SEALED', 'data.businessDate', `${businessDate} has no seal to amend: close it`);
  }
  return null;
};

/** The span and count must agree: an empty seal ends where it starts, a full one after it. */
const inconsistency = (data: DaySeal): DomainError | null => {
  const grows = after(data.throughPosition, data.afterPosition);
  if (data.eventCount === 0 ? data.throughPosition !== data.afterPosition : !grows) {
    return domainError(
      'AUDIT.SEAL_INCONSISTENT',
      'data.throughPosition',
      data.eventCount === 0
        ? 'an empty seal must end where it starts'
        : 'must lie after afterPosition when the seal has events',
    );
  }
  return null;
};

const closeBusinessDay = ({ data }: CloseBusinessDay, state: DaySealState): Decision<DaySealEvent> => {
  const refused = sealRefusal(state, data.storeId, data.businessDate, false);
  if (refused) return refused;
  if (data.amendment !== 0) return domainError('AUDIT.SEAL_INCONSISTENT', 'data.amendment', 'a close is amendment 0');
  if (data.previousMerkleRoot !== null) {
    return domainError('AUDIT.SEAL_NOT_CONTIGUOUS', 'data.previousMerkleRoot', "a date's close follows no seal");
  }
  return inconsistency(data) ?? [{ type: 'BusinessDayClosed', data }];
};

const amendBusinessDay = ({ data }: AmendBusinessDay, state: DaySealState): Decision<DaySealEvent> => {
  const refused = sealRefusal(state, data.storeId, data.businessDate, true);
  if (refused) return refused;
  const last = state.dates[data.businessDate] as SealedDate;
  if (data.eventCount === 0) {
    return domainError(
      'AUDIT.NOTHING_TO_AMEND',
      'data.businessDate',
      `no event of ${data.businessDate} was stored after its last seal`,
    );
  }
  if (data.amendment !== last.amendment + 1) {
    return domainError('AUDIT.SEAL_NOT_CONTIGUOUS', 'data.amendment', `must be ${last.amendment + 1}`);
  }
  if (data.afterPosition !== last.throughPosition) {
    return domainError(
      'AUDIT.SEAL_NOT_CONTIGUOUS',
      'data.afterPosition',
      "must start where the date's last seal ended",
    );
  }
  if (data.previousMerkleRoot !== last.merkleRoot) {
    return domainError('AUDIT.SEAL_NOT_CONTIGUOUS', 'data.previousMerkleRoot', "must be the date's last seal's root");
  }
  // A date is one span of instants, fixed by the zone of its close. Amended in another zone (the
  // store's zone changed since), the amendment would seal another day's late events under this
  // date and leave some of this date's unsealed: a silent re-dating.
  if (data.timeZone !== last.timeZone) {
    return domainError(
      'AUDIT.SEAL_NOT_CONTIGUOUS',
      'data.timeZone',
      `must be ${last.timeZone}, the zone ${data.businessDate} was sealed in`,
    );
  }
  return inconsistency(data) ?? [{ type: 'BusinessDayAmended', data }];
};

const decide = (command: DaySealCommand, state: DaySealState): Decision<DaySealEvent> => {
  const parsed = parseOrError(DaySealCommandSchema, command);
  if (parsed instanceof DomainError) return parsed;
  switch (parsed.type) {
    case 'CloseBusinessDay':
      return closeBusinessDay(parsed, state);
    case 'AmendBusinessDay':
      return amendBusinessDay(parsed, state);
    default:
      return assertNever(parsed);
  }
};

const evolve = (state: DaySealState, event: DaySealEvent): DaySealState => {
  switch (event.type) {
    case 'BusinessDayClosed':
    case 'BusinessDayAmended':
      return {
        storeId: event.data.storeId,
        dates: {
          ...state.dates,
          [event.data.businessDate]: {
            amendment: event.data.amendment,
            throughPosition: event.data.throughPosition,
            merkleRoot: event.data.merkleRoot,
            timeZone: event.data.timeZone,
          },
        },
      };
  }
};

const initialState = (): DaySealState => ({ storeId: null, dates: {} });

/**
 * The `audit_day-<storeId>` stream: one BusinessDayClosed per sealed business date, in whatever
 * order the dates are sealed, and a BusinessDayAmended for each later batch of a sealed date's events.
 */
export const daySealDecider: Decider<DaySealCommand, DaySealEvent, DaySealState> = { decide, evolve, initialState };
