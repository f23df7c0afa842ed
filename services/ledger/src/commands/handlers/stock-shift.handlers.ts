import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  domainError,
  DomainError,
  shiftDecider,
  shiftStreamId,
  stockDecider,
  stockStreamId,
  type CloseShift,
  type MoveCash,
  type ShiftCommand,
} from '@possier/events';
import { AdjustStockCommand, CloseShiftCommand, MoveCashCommand, OpenShiftCommand } from '../commands.js';
import { LedgerContext, type Caller, type CommandRequest } from '../ledger-context.js';
import type { CommandOutcome } from '../stream-executor.js';

@CommandHandler(AdjustStockCommand)
export class AdjustStockHandler implements ICommandHandler<AdjustStockCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: AdjustStockCommand): Promise<CommandOutcome> {
    const { data } = request;
    return this.ledger.run(caller, {
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
    return this.ledger.run(caller, {
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

type ShiftRequest = { request: CommandRequest<MoveCash['data'] | CloseShift['data']>; caller: Caller };

/** Cash moves and closes act on the shift's own store and register, as the shift recorded them. */
abstract class OpenedShiftHandler<C extends ShiftRequest> {
  protected abstract readonly type: 'MoveCash' | 'CloseShift';
  protected abstract readonly action: 'shift.move_cash' | 'shift.close';

  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: C): Promise<CommandOutcome> {
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: shiftStreamId(request.data.shiftId),
      decider: shiftDecider,
      prepare: async (state) => {
        if (state.status === 'none')
          return domainError('SHIFT.NOT_OPEN', 'data.shiftId', 'no shift with this id was opened');
        const allowed = await this.ledger.authorize(caller, this.action, {
          storeId: state.storeId,
          registerId: state.registerId,
        });
        if (allowed instanceof DomainError) return allowed;
        return {
          command: { type: this.type, data: request.data } as ShiftCommand,
          metadata: allowed.metadata(request),
        };
      },
    });
  }
}

@CommandHandler(MoveCashCommand)
export class MoveCashHandler extends OpenedShiftHandler<MoveCashCommand> {
  protected readonly type = 'MoveCash' as const;
  protected readonly action = 'shift.move_cash' as const;
}

@CommandHandler(CloseShiftCommand)
export class CloseShiftHandler extends OpenedShiftHandler<CloseShiftCommand> {
  protected readonly type = 'CloseShift' as const;
  protected readonly action = 'shift.close' as const;
}
