import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { domainError, DomainError, shiftDecider, shiftStreamId, stockDecider, stockStreamId } from '@possier/events';
import { AdjustStockCommand, CloseShiftCommand, MoveCashCommand, OpenShiftCommand } from '../commands.js';
import { LedgerContext } from '../ledger-context.js';
import type { CommandOutcome } from '../stream-executor.js';

@CommandHandler(AdjustStockCommand)
export class AdjustStockHandler implements ICommandHandler<AdjustStockCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: AdjustStockCommand): Promise<CommandOutcome> {
    const { data } = request;
    return this.ledger.run({
      commandId: request.commandId,
      streamId: stockStreamId(data.storeId, data.stockItemId),
      decider: stockDecider,
      prepare: async () => {
        const allowed = await this.ledger.authorize(caller, 'stock.adjust', { storeId: data.storeId });
        if (allowed instanceof DomainError) return allowed;
        return { command: { type: 'AdjustStock' as const, data }, metadata: allowed.metadata(request) };
      },
    });
  }
}

@CommandHandler(OpenShiftCommand)
export class OpenShiftHandler implements ICommandHandler<OpenShiftCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: OpenShiftCommand): Promise<CommandOutcome> {
    const { data } = request;
    return this.ledger.run({
      commandId: request.commandId,
      streamId: shiftStreamId(data.shiftId),
      decider: shiftDecider,
      prepare: async () => {
        const allowed = await this.ledger.authorize(caller, 'shift.open', {
          storeId: data.storeId,
          registerId: data.registerId,
        });
        if (allowed instanceof DomainError) return allowed;
        return { command: { type: 'OpenShift' as const, data }, metadata: allowed.metadata(request) };
      },
    });
  }
}

/** Cash moves and closes act on the shift's own store and register, as the shift recorded them. */
@CommandHandler(MoveCashCommand)
export class MoveCashHandler implements ICommandHandler<MoveCashCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: MoveCashCommand): Promise<CommandOutcome> {
    return this.ledger.run({
      commandId: request.commandId,
      streamId: shiftStreamId(request.data.shiftId),
      decider: shiftDecider,
      prepare: async (state) => {
        if (state.status === 'none')
          return domainError('SHIFT.NOT_OPEN', 'data.shiftId', 'no shift with this id was opened');
        const allowed = await this.ledger.authorize(caller, 'shift.move_cash', {
          storeId: state.storeId,
          registerId: state.registerId,
        });
        if (allowed instanceof DomainError) return allowed;
        return { command: { type: 'MoveCash' as const, data: request.data }, metadata: allowed.metadata(request) };
      },
    });
  }
}

@CommandHandler(CloseShiftCommand)
export class CloseShiftHandler implements ICommandHandler<CloseShiftCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: CloseShiftCommand): Promise<CommandOutcome> {
    return this.ledger.run({
      commandId: request.commandId,
      streamId: shiftStreamId(request.data.shiftId),
      decider: shiftDecider,
      prepare: async (state) => {
        if (state.status === 'none')
          return domainError('SHIFT.NOT_OPEN', 'data.shiftId', 'no shift with this id was opened');
        const allowed = await this.ledger.authorize(caller, 'shift.close', {
          storeId: state.storeId,
          registerId: state.registerId,
        });
        if (allowed instanceof DomainError) return allowed;
        return { command: { type: 'CloseShift' as const, data: request.data }, metadata: allowed.metadata(request) };
      },
    });
  }
}
