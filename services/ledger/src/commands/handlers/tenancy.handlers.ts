import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { domainError, DomainError, tenancyDecider, tenancyStreamId, type TenancyCommand } from '@possier/events';
import {
  AddUserCommand,
  CreateBrandCommand,
  CreateOrganizationCommand,
  CreateRegisterCommand,
  CreateStoreCommand,
  GrantRoleCommand,
  RevokeRoleCommand,
} from '../commands.js';
import { LedgerContext, type Caller, type CommandRequest } from '../ledger-context.js';
import type { CommandOutcome } from '../stream-executor.js';

/**
 * A new organisation is the one thing no org member can create: it takes an operator token, and
 * its owner (created with it) administers everything after.
 */
@CommandHandler(CreateOrganizationCommand)
export class CreateOrganizationHandler implements ICommandHandler<CreateOrganizationCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: CreateOrganizationCommand): Promise<CommandOutcome> {
    const { data } = request;
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: tenancyStreamId(data.orgId),
      operatorTargetOrgId: data.orgId,
      decider: tenancyDecider,
      prepare: async () => {
        const { claims } = caller;
        if (claims.kind !== 'operator') {
          return domainError('AUTH.FORBIDDEN', '', 'creating an organisation takes an operator token');
        }
        return {
          command: { type: 'CreateOrganization' as const, data },
          metadata: {
            orgId: data.orgId,
            brandId: null,
            storeId: null,
            registerId: null,
            actorId: data.ownerUserId,
            occurredAt: request.occurredAt,
            causationId: request.commandId,
            correlationId: caller.correlationId,
          },
        };
      },
    });
  }
}

type TenancyRequest = { request: CommandRequest<{ orgId: string }>; caller: Caller };

/** Administration of an existing org: its tree, users and grants. */
abstract class TenancyCommandHandler<C extends TenancyRequest> {
  protected abstract readonly type: TenancyCommand['type'];

  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: C): Promise<CommandOutcome> {
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: tenancyStreamId(request.data.orgId),
      decider: tenancyDecider,
      prepare: async () => {
        const allowed = await this.ledger.authorize(caller, 'tenancy.manage', { orgId: request.data.orgId });
        if (allowed instanceof DomainError) return allowed;
        return {
          command: { type: this.type, data: request.data } as TenancyCommand,
          metadata: allowed.metadata(request),
        };
      },
    });
  }
}

@CommandHandler(CreateBrandCommand)
export class CreateBrandHandler extends TenancyCommandHandler<CreateBrandCommand> {
  protected readonly type = 'CreateBrand' as const;
}
@CommandHandler(CreateStoreCommand)
export class CreateStoreHandler extends TenancyCommandHandler<CreateStoreCommand> {
  protected readonly type = 'CreateStore' as const;
}
@CommandHandler(CreateRegisterCommand)
export class CreateRegisterHandler extends TenancyCommandHandler<CreateRegisterCommand> {
  protected readonly type = 'CreateRegister' as const;
}
@CommandHandler(AddUserCommand)
export class AddUserHandler extends TenancyCommandHandler<AddUserCommand> {
  protected readonly type = 'AddUser' as const;
}
@CommandHandler(GrantRoleCommand)
export class GrantRoleHandler extends TenancyCommandHandler<GrantRoleCommand> {
  protected readonly type = 'GrantRole' as const;
}
@CommandHandler(RevokeRoleCommand)
export class RevokeRoleHandler extends TenancyCommandHandler<RevokeRoleCommand> {
  protected readonly type = 'RevokeRole' as const;
}
