import { declareCommand, type CommandAuthorization } from '../command-declaration.js';
import type { Action } from '../tenancy/actions.js';
import { CloseShift, MoveCash, OpenShift } from './shift.commands.js';
import { shiftDecider, shiftNotOpen, shiftStreamId, type ShiftState } from './shift.decider.js';

export const openShift = declareCommand({
  type: 'OpenShift',
  route: { path: '/v1/shifts', summary: 'Open a cash drawer shift with its float' },
  data: OpenShift.shape.data,
  stream: (data) => shiftStreamId(data.shiftId),
  decider: shiftDecider,
  authorization: {
    action: 'shift.open',
    target: (data) => ({ storeId: data.storeId, registerId: data.registerId }),
  },
  command: ({ data }) => ({ type: 'OpenShift' as const, data }),
});

/** Cash moves and closes act on the shift's own store and register, as the shift recorded them. */
const onOpenedShift = (action: Action): CommandAuthorization<{ shiftId: string }, ShiftState> => ({
  action,
  target: (_data, state) =>
    state.status === 'none' ? shiftNotOpen() : { storeId: state.storeId, registerId: state.registerId },
});

export const moveCash = declareCommand({
  type: 'MoveCash',
  route: { path: '/v1/shifts/{shiftId}/cash-movements', summary: 'Pay cash in or out of the drawer' },
  data: MoveCash.shape.data,
  stream: (data) => shiftStreamId(data.shiftId),
  decider: shiftDecider,
  authorization: onOpenedShift('shift.move_cash'),
  command: ({ data }) => ({ type: 'MoveCash' as const, data }),
});

export const closeShift = declareCommand({
  type: 'CloseShift',
  route: { path: '/v1/shifts/{shiftId}/close', summary: 'Close a shift with the counted cash' },
  data: CloseShift.shape.data,
  stream: (data) => shiftStreamId(data.shiftId),
  decider: shiftDecider,
  authorization: onOpenedShift('shift.close'),
  command: ({ data }) => ({ type: 'CloseShift' as const, data }),
});
