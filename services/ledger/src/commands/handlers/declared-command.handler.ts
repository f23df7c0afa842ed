import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandDeclarations } from '@possier/events';
import { afterCommand } from '../after-command.js';
import { DeclaredCommand } from '../commands.js';
import { LedgerContext, type CommandRequest } from '../ledger-context.js';
import type { CommandOutcome } from '../stream-executor.js';

/** Every declared command, through one pipeline (LedgerContext.execute), then what follows it. */
@CommandHandler(DeclaredCommand)
export class DeclaredCommandHandler implements ICommandHandler<DeclaredCommand, CommandOutcome & { token?: string }> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  async execute({ name, request, caller }: DeclaredCommand): Promise<CommandOutcome & { token?: string }> {
    const outcome = await this.ledger.execute(commandDeclarations[name], request, caller);
    const after = await afterCommand[name]?.(this.ledger, caller, request as CommandRequest<never>, outcome);
    return after ? { ...outcome, ...after } : outcome;
  }
}
