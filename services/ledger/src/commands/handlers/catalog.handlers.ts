import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  domainError,
  DomainError,
  itemDecider,
  itemStreamId,
  taxCategoryDecider,
  taxCategoryStreamId,
  type ItemCommand,
  type ItemState,
} from '@possier/events';
import {
  AssignTaxCategoryCommand,
  ChangeItemPriceCommand,
  ChangeTaxRateCommand,
  DeactivateItemCommand,
  DefineItemCommand,
  DefineTaxCategoryCommand,
  ReactivateItemCommand,
  RenameItemCommand,
  SetRecipeCommand,
} from '../commands.js';
import { LedgerContext, type Caller, type CommandRequest } from '../ledger-context.js';
import type { CommandOutcome } from '../stream-executor.js';

@CommandHandler(DefineTaxCategoryCommand)
export class DefineTaxCategoryHandler implements ICommandHandler<DefineTaxCategoryCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: DefineTaxCategoryCommand): Promise<CommandOutcome> {
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: taxCategoryStreamId(request.data.taxCategoryId),
      decider: taxCategoryDecider,
      prepare: async () => {
        const allowed = await this.ledger.authorize(caller, 'catalog.manage', { orgId: request.data.orgId });
        if (allowed instanceof DomainError) return allowed;
        return {
          command: { type: 'DefineTaxCategory' as const, data: request.data },
          metadata: allowed.metadata(request),
        };
      },
    });
  }
}

@CommandHandler(ChangeTaxRateCommand)
export class ChangeTaxRateHandler implements ICommandHandler<ChangeTaxRateCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: ChangeTaxRateCommand): Promise<CommandOutcome> {
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: taxCategoryStreamId(request.data.taxCategoryId),
      decider: taxCategoryDecider,
      prepare: async () => {
        const allowed = await this.ledger.authorize(caller, 'catalog.manage', {});
        if (allowed instanceof DomainError) return allowed;
        return { command: { type: 'ChangeTaxRate' as const, data: request.data }, metadata: allowed.metadata(request) };
      },
    });
  }
}

@CommandHandler(DefineItemCommand)
export class DefineItemHandler implements ICommandHandler<DefineItemCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: DefineItemCommand): Promise<CommandOutcome> {
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: itemStreamId(request.data.itemId),
      decider: itemDecider,
      prepare: async () => {
        const allowed = await this.ledger.authorize(caller, 'catalog.manage', { brandId: request.data.brandId });
        if (allowed instanceof DomainError) return allowed;
        if (!allowed.tenancy.brands[request.data.brandId]) {
          return domainError('CATALOG.UNKNOWN_BRAND', 'data.brandId', 'no such brand in this org');
        }
        return { command: { type: 'DefineItem' as const, data: request.data }, metadata: allowed.metadata(request) };
      },
    });
  }
}

/** Every later item command acts in the item's brand (and a store price in its store). */
const onDefinedItem = async (
  ledger: LedgerContext,
  caller: Caller,
  request: CommandRequest<{ itemId: string; storeId?: string | undefined }>,
  state: ItemState,
  command: ItemCommand,
) => {
  if (state.status === 'none')
    return domainError('CATALOG.ITEM_NOT_DEFINED', 'data.itemId', 'no such item; define it first');
  const storeId = request.data.storeId;
  const allowed = await ledger.authorize(caller, 'catalog.manage', storeId ? { storeId } : { brandId: state.brandId });
  if (allowed instanceof DomainError) return allowed;
  if (allowed.store && allowed.store.brandId !== state.brandId) {
    return domainError('CATALOG.STORE_OF_ANOTHER_BRAND', 'data.storeId', 'the store sells another brand’s menu');
  }
  return { command, metadata: allowed.metadata(request) };
};

type ItemRequest = { request: CommandRequest<{ itemId: string; storeId?: string | undefined }>; caller: Caller };

/** The item commands after definition differ only in their type. */
abstract class ItemCommandHandler<C extends ItemRequest> {
  protected abstract readonly type: ItemCommand['type'];

  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: C): Promise<CommandOutcome> {
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: itemStreamId(request.data.itemId),
      decider: itemDecider,
      prepare: (state) =>
        onDefinedItem(this.ledger, caller, request, state, { type: this.type, data: request.data } as ItemCommand),
    });
  }
}

@CommandHandler(ChangeItemPriceCommand)
export class ChangeItemPriceHandler extends ItemCommandHandler<ChangeItemPriceCommand> {
  protected readonly type = 'ChangeItemPrice' as const;
}
@CommandHandler(AssignTaxCategoryCommand)
export class AssignTaxCategoryHandler extends ItemCommandHandler<AssignTaxCategoryCommand> {
  protected readonly type = 'AssignTaxCategory' as const;
}
@CommandHandler(SetRecipeCommand)
export class SetRecipeHandler extends ItemCommandHandler<SetRecipeCommand> {
  protected readonly type = 'SetRecipe' as const;
}
@CommandHandler(RenameItemCommand)
export class RenameItemHandler extends ItemCommandHandler<RenameItemCommand> {
  protected readonly type = 'RenameItem' as const;
}
@CommandHandler(DeactivateItemCommand)
export class DeactivateItemHandler extends ItemCommandHandler<DeactivateItemCommand> {
  protected readonly type = 'DeactivateItem' as const;
}
@CommandHandler(ReactivateItemCommand)
export class ReactivateItemHandler extends ItemCommandHandler<ReactivateItemCommand> {
  protected readonly type = 'ReactivateItem' as const;
}
