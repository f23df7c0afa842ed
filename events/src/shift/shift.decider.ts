import { assertNever, type Decider, type Decision } from '../decider.js';
import { DomainError, domainError } from '../errors.js';
import type { EventDefinition } from '../event-registry.js';
import { checkPaise, type Paise } from '../money.js';
import { parseOrError } from '../validation.js';
import { expectedDrawerCash, NO_TAKINGS, type CashTakings } from './drawer-cash.js';
import {
  ShiftCommand,
  type CloseShift,
  type MoveCash,
  type OpenShift,
  type RecordDrawerCash,
} from './shift.commands.js';
import { CashMoved, DrawerCashRecorded, ShiftClosed, ShiftOpened, type ShiftEvent } from './shift.events.js';

type OpenShiftState = {
  status: 'open';
  shiftId: string;
  storeId: string;
  registerId: string;
  openedBy: string;
  openedAt: string;
  floatPaise: Paise;
  cashInPaise: Paise;
  cashOutPaise: Paise;
  movementIds: ReadonlyArray<string>;
  /** The cash of this shift's orders, summed from its drawer records. */
  cashTakings: CashTakings;
};

/**
 * One register's cash drawer session: the float, the cash moved by hand, and the cash of the
 * shift's sales, voids and refunds as the drawer workflow records it from the order events. The
 * close counts the takings from these records; no request states them.
 */

/** The refusal of a command on a shift that was never opened. */
export const shiftNotOpen = (): DomainError =>
  domainError('SHIFT.NOT_OPEN', 'data.shiftId', 'the shift has not been opened');

/** The refusal of cash through a drawer already counted at its shift's close. */
export const drawerCounted = (): DomainError =>
  domainError('SHIFT.ALREADY_CLOSED', 'data.shiftId', 'the drawer was counted; cash moves on an open shift');

export type ShiftState =
  | { status: 'none' }
  | OpenShiftState
  | (Omit<OpenShiftState, 'status'> & {
      status: 'closed';
      closedBy: string;
      closedAt: string;
      countedCashPaise: Paise;
      expectedCashPaise: Paise;
      variancePaise: Paise;
    });

/** The exact result of a drawer sum, or an error when it leaves the safe-integer range. */
const safePaise = (value: bigint, path: string): Paise | DomainError =>
  value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : domainError('SHIFT.CASH_OUT_OF_RANGE', path, 'the drawer figures exceed a safe integer number of paise');

const wrongShift = (state: Exclude<ShiftState, { status: 'none' }>, shiftId: string): DomainError | undefined =>
  shiftId === state.shiftId
    ? undefined
    : domainError('SHIFT.WRONG_STREAM', 'data.shiftId', `this stream holds shift ${state.shiftId}`);

const openShift = ({ data }: OpenShift, state: ShiftState): Decision<ShiftEvent> => {
  const invalid = checkPaise(data.floatPaise, 'data.floatPaise', { min: 0 });
  if (invalid) return invalid;
  switch (state.status) {
    case 'none':
      return [{ type: 'ShiftOpened', data }];
    case 'open':
      return domainError('SHIFT.ALREADY_OPEN', 'data.shiftId', `shift ${state.shiftId} is already open`);
    case 'closed':
      return domainError('SHIFT.ALREADY_CLOSED', 'data.shiftId', `shift ${state.shiftId} is closed; open a new shift`);
  }
};

/**
 * A pay-out is not refused for exceeding the drawer: the sales cash in it is not visible here, so
 * any balance this stream could compute would be wrong. The close's variance tells a short drawer.
 */
const moveCash = ({ data }: MoveCash, state: ShiftState): Decision<ShiftEvent> => {
  const invalid = checkPaise(data.amountPaise, 'data.amountPaise', { min: 1 });
  if (invalid) return invalid;
  if (state.status === 'none') return shiftNotOpen();
  const elsewhere = wrongShift(state, data.shiftId);
  if (elsewhere) return elsewhere;
  // Before the closed check: a movement recorded before the close, retried after it, is a retry.
  if (state.movementIds.includes(data.movementId)) return [];
  if (state.status === 'closed')
    return domainError('SHIFT.ALREADY_CLOSED', 'data.shiftId', 'cash cannot move on a closed shift');

  const total = data.direction === 'in' ? state.cashInPaise : state.cashOutPaise;
  const newTotal = safePaise(BigInt(total) + BigInt(data.amountPaise), 'data.amountPaise');
  if (newTotal instanceof DomainError) return newTotal;
  return [{ type: 'CashMoved', data }];
};

const takingsAfter = ({ data }: RecordDrawerCash | DrawerCashRecorded, takings: CashTakings): CashTakings => {
  switch (data.movement) {
    case 'sale':
      return {
        ...takings,
        cashSalesPaise: takings.cashSalesPaise + data.cashTenderedPaise,
        changeGivenPaise: takings.changeGivenPaise + data.changeGivenPaise,
      };
    case 'void':
      return {
        ...takings,
        cashSalesPaise: takings.cashSalesPaise - data.cashTenderedPaise,
        changeGivenPaise: takings.changeGivenPaise - data.changeGivenPaise,
      };
    case 'refund':
      return { ...takings, cashRefundsPaise: takings.cashRefundsPaise + data.cashRefundedPaise };
  }
};

/**
 * A sale's, void's or refund's cash, recorded on the drawer it went through. A closed drawer was
 * counted: cash that moves later belongs to an open shift. A void takes back only what the
 * shift's sales took in, so the takings never go below zero.
 */
const recordDrawerCash = (command: RecordDrawerCash, state: ShiftState): Decision<ShiftEvent> => {
  const { data } = command;
  const amounts: Array<[Paise, string]> = [
    [data.cashTenderedPaise, 'data.cashTenderedPaise'],
    [data.changeGivenPaise, 'data.changeGivenPaise'],
    [data.cashRefundedPaise, 'data.cashRefundedPaise'],
  ];
  for (const [amount, path] of amounts) {
    const invalid = checkPaise(amount, path, { min: 0 });
    if (invalid) return invalid;
  }
  if (state.status === 'none') return shiftNotOpen();
  const elsewhere = wrongShift(state, data.shiftId);
  if (elsewhere) return elsewhere;
  if (state.status === 'closed') return drawerCounted();
  const after = takingsAfter(command, state.cashTakings);
  if (after.cashSalesPaise < 0 || after.changeGivenPaise < 0)
    return domainError(
      'SHIFT.VOID_EXCEEDS_TAKINGS',
      'data.cashTenderedPaise',
      "the shift's sales did not take this cash",
    );
  for (const [total, path] of [
    [after.cashSalesPaise, 'data.cashTenderedPaise'],
    [after.changeGivenPaise, 'data.changeGivenPaise'],
    [after.cashRefundsPaise, 'data.cashRefundedPaise'],
  ] as const) {
    const inRange = safePaise(BigInt(total), path);
    if (inRange instanceof DomainError) return inRange;
  }
  return [{ type: 'DrawerCashRecorded', data }];
};

const sameFigures = (data: CloseShift['data'], closed: Extract<ShiftState, { status: 'closed' }>): boolean =>
  data.countedCashPaise === closed.countedCashPaise;

const closeShift = ({ data }: CloseShift, state: ShiftState): Decision<ShiftEvent> => {
  const invalid = checkPaise(data.countedCashPaise, 'data.countedCashPaise', { min: 0 });
  if (invalid) return invalid;
  if (state.status === 'none') return shiftNotOpen();
  const elsewhere = wrongShift(state, data.shiftId);
  if (elsewhere) return elsewhere;
  if (state.status === 'closed') {
    // A retried close (the same count) is a no-op; a different count is a second close.
    if (sameFigures(data, state)) return [];
    return domainError('SHIFT.ALREADY_CLOSED', 'data.shiftId', 'the shift is already closed with other figures');
  }

  const { floatPaise, cashInPaise, cashOutPaise, cashTakings } = state;
  const { countedCashPaise } = data;
  const expectedCashPaise = safePaise(
    expectedDrawerCash({ floatPaise, cashTakings, cashInPaise, cashOutPaise }),
    'data.countedCashPaise',
  );
  if (expectedCashPaise instanceof DomainError) return expectedCashPaise;
  const variancePaise = safePaise(BigInt(countedCashPaise) - BigInt(expectedCashPaise), 'data.countedCashPaise');
  if (variancePaise instanceof DomainError) return variancePaise;
  return [
    {
      type: 'ShiftClosed',
      data: {
        shiftId: data.shiftId,
        closedBy: data.closedBy,
        closedAt: data.closedAt,
        floatPaise,
        cashTakings,
        cashInPaise,
        cashOutPaise,
        expectedCashPaise,
        countedCashPaise,
        variancePaise,
      },
    },
  ];
};

const decide = (command: ShiftCommand, state: ShiftState): Decision<ShiftEvent> => {
  const parsed = parseOrError(ShiftCommand, command);
  if (parsed instanceof DomainError) return parsed;
  switch (parsed.type) {
    case 'OpenShift':
      return openShift(parsed, state);
    case 'MoveCash':
      return moveCash(parsed, state);
    case 'RecordDrawerCash':
      return recordDrawerCash(parsed, state);
    case 'CloseShift':
      return closeShift(parsed, state);
    default:
      return assertNever(parsed);
  }
};

/** Records what happened; an event that cannot follow the state (a stream out of order) leaves it as it was. */
const evolve = (state: ShiftState, event: ShiftEvent): ShiftState => {
  switch (event.type) {
    case 'ShiftOpened': {
      const { shiftId, storeId, registerId, openedBy, openedAt, floatPaise } = event.data;
      return {
        status: 'open',
        shiftId,
        storeId,
        registerId,
        openedBy,
        openedAt,
        floatPaise,
        cashInPaise: 0,
        cashOutPaise: 0,
        movementIds: [],
        cashTakings: NO_TAKINGS,
      };
    }
    case 'CashMoved': {
      if (state.status !== 'open') return state;
      const { direction, amountPaise, movementId } = event.data;
      return {
        ...state,
        cashInPaise: direction === 'in' ? state.cashInPaise + amountPaise : state.cashInPaise,
        cashOutPaise: direction === 'out' ? state.cashOutPaise + amountPaise : state.cashOutPaise,
        movementIds: [...state.movementIds, movementId],
      };
    }
    case 'DrawerCashRecorded':
      return state.status === 'open' ? { ...state, cashTakings: takingsAfter(event, state.cashTakings) } : state;
    case 'ShiftClosed': {
      if (state.status !== 'open') return state;
      const { closedBy, closedAt, cashTakings, countedCashPaise, expectedCashPaise, variancePaise } = event.data;
      return {
        ...state,
        status: 'closed',
        closedBy,
        closedAt,
        cashTakings,
        countedCashPaise,
        expectedCashPaise,
        variancePaise,
      };
    }
  }
};

const initialState = (): ShiftState => ({ status: 'none' });

const isTerminal = (state: ShiftState): boolean => state.status === 'closed';

export const shiftStreamId = (shiftId: string): string => `shift-${shiftId}`;

export const shiftDecider: Decider<ShiftCommand, ShiftEvent, ShiftState> = { decide, evolve, initialState, isTerminal };

export const shiftEventDefinitions: EventDefinition[] = [
  { schema: ShiftOpened, schemaVersion: 1 },
  { schema: CashMoved, schemaVersion: 1 },
  { schema: DrawerCashRecorded, schemaVersion: 1 },
  { schema: ShiftClosed, schemaVersion: 1 },
];
