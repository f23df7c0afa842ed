import type { Caller, CommandRequest } from '../commands/ledger-context.js';

/** Close a store's business day and seal it (the Z report, or the scheduled close). */
export class CloseBusinessDayCommand {
  constructor(
    readonly request: CommandRequest<{ storeId: string; businessDate: string }>,
    readonly caller: Caller,
  ) {}
}

/** Put a new signing key in place for the caller's org, endorsed by the current one. */
export class RotateAuditKeyCommand {
  constructor(
    readonly request: CommandRequest<{ orgId: string }>,
    readonly caller: Caller,
  ) {}
}
