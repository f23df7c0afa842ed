import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DomainError,
  domainError,
  loyaltyAccountDecider,
  loyaltyAccountStreamId,
  loyaltyProgrammeDecider,
  loyaltyProgrammeStreamId,
} from '@possier/events';
import { customerState } from '../../customers/customer-directory.js';
import { ExpirePointsCommand, SetLoyaltyRuleCommand } from '../commands.js';
import { LedgerContext } from '../ledger-context.js';
import type { CommandOutcome } from '../stream-executor.js';

/**
 * A brand's loyalty rule is brand data like its prices: set by whoever manages the brand's
 * catalog (the owner, the brand's manager), in that brand only.
 */
@CommandHandler(SetLoyaltyRuleCommand)
export class SetLoyaltyRuleHandler implements ICommandHandler<SetLoyaltyRuleCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: SetLoyaltyRuleCommand): Promise<CommandOutcome> {
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: loyaltyProgrammeStreamId(request.data.brandId),
      decider: loyaltyProgrammeDecider,
      prepare: async () => {
        const allowed = await this.ledger.authorize(caller, 'catalog.manage', { brandId: request.data.brandId });
        if (allowed instanceof DomainError) return allowed;
        return {
          command: { type: 'SetLoyaltyRule' as const, data: request.data },
          metadata: allowed.metadata(request),
        };
      },
    });
  }
}

/**
 * Expires a customer's points with a brand up to a store-local date (a nightly job sends the
 * store's date of yesterday, computed in the store's time zone). Idempotent by nature: expired
 * lots are gone, so the same date again expires nothing.
 */
@CommandHandler(ExpirePointsCommand)
export class ExpirePointsHandler implements ICommandHandler<ExpirePointsCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: ExpirePointsCommand): Promise<CommandOutcome> {
    const { brandId, customerId } = request.data;
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: loyaltyAccountStreamId(brandId, customerId),
      decider: loyaltyAccountDecider,
      prepare: async () => {
        const allowed = await this.ledger.authorize(caller, 'catalog.manage', { brandId });
        if (allowed instanceof DomainError) return allowed;
        const customer = await customerState(this.ledger.store, allowed.principal.orgId, customerId);
        if (customer.status === 'none')
          return domainError('CUSTOMER.NOT_FOUND', 'data.customerId', 'no customer with this id is registered');
        return { command: { type: 'ExpirePoints' as const, data: request.data }, metadata: allowed.metadata(request) };
      },
    });
  }
}
