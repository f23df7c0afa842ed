import type { CommandName, ReplayRequest } from '@possier/events';
import type { Caller, CommandRequest } from './ledger-context.js';

/**
 * A declared command on the CommandBus: which one, the validated request and the caller. Nothing
 * in it is trusted until the pipeline has checked the caller's scope against what the stream says.
 */
export class DeclaredCommand {
  constructor(
    readonly name: CommandName,
    readonly request: CommandRequest<unknown>,
    readonly caller: Caller,
  ) {}
}

/** A batch of events an offline register decided, replayed from its outbox. */
export class ReplayCommand {
  constructor(
    readonly batch: ReplayRequest,
    readonly caller: Caller,
  ) {}
}
