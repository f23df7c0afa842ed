import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  customerDecider,
  customerStreamId,
  DomainError,
  normaliseIndianPhone,
  refusesDetails,
  type CustomerDetails,
  type CustomerState,
} from '@possier/events';
import { sealPii } from '../../customers/pii-cipher.js';
import {
  ForgetCustomerCommand,
  RecordCustomerConsentCommand,
  RegisterCustomerCommand,
  UpdateCustomerDetailsCommand,
} from '../commands.js';
import { LedgerContext, type Caller } from '../ledger-context.js';
import type { CommandOutcome } from '../stream-executor.js';

/**
 * A register acts in its own store; a person names the store they act in, or acts at org level. A
 * store the request names is always checked, so a till cannot stamp another store on a customer.
 */
const customerTarget = (caller: Caller, storeId: string | undefined) => ({
  storeId: storeId ?? (caller.claims.kind === 'register' ? caller.claims.storeId : undefined),
});

/**
 * Seals the details under the customer's key and claims the phone in the lookup, once the decider's
 * rule says details may be sealed for this stream at all. A claim made for a command that is then
 * refused (lost race, another rule) names a customer id with no details; it is released by that
 * customer's erasure or next change of phone, and never lets a stranger's number be looked up.
 */
const sealDetails = async (
  ledger: LedgerContext,
  orgId: string,
  type: 'RegisterCustomer' | 'UpdateCustomerDetails',
  data: CustomerDetails & { customerId: string },
  state: CustomerState,
) => {
  const refused = refusesDetails(type, state);
  if (refused) return refused;
  const phone = normaliseIndianPhone(data.phone) as string;
  const key = await ledger.customerKeys.keyFor(orgId, data.customerId);
  const pii = {
    name: data.name,
    phone,
    ...(data.email === undefined ? {} : { email: data.email }),
    ...(data.gstin === undefined ? {} : { gstin: data.gstin }),
  };
  const phoneOwner = await ledger.customerKeys.claimPhone(orgId, phone, data.customerId);
  return { sealed: sealPii(pii, key, orgId, data.customerId), phoneOwner, phone };
};

const orgOf = (caller: Caller): string => (caller.claims.kind === 'operator' ? '' : caller.claims.orgId);

@CommandHandler(RegisterCustomerCommand)
export class RegisterCustomerHandler implements ICommandHandler<RegisterCustomerCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: RegisterCustomerCommand): Promise<CommandOutcome> {
    const { data } = request;
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: customerStreamId(data.customerId),
      decider: customerDecider,
      prepare: async (state) => {
        const allowed = await this.ledger.authorize(caller, 'customer.manage', customerTarget(caller, data.storeId));
        if (allowed instanceof DomainError) return allowed;
        const sealed = await sealDetails(this.ledger, orgOf(caller), 'RegisterCustomer', data, state);
        if (sealed instanceof DomainError) return sealed;
        const storeId = customerTarget(caller, data.storeId).storeId;
        return {
          command: {
            type: 'RegisterCustomer' as const,
            data: { ...data, ...(storeId === undefined ? {} : { storeId }) },
            context: { sealed: sealed.sealed, phoneOwner: sealed.phoneOwner },
          },
          metadata: allowed.metadata(request),
        };
      },
    });
  }
}

@CommandHandler(UpdateCustomerDetailsCommand)
export class UpdateCustomerDetailsHandler implements ICommandHandler<UpdateCustomerDetailsCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  async execute({ request, caller }: UpdateCustomerDetailsCommand): Promise<CommandOutcome> {
    const { data } = request;
    const orgId = orgOf(caller);
    const outcome = await this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: customerStreamId(data.customerId),
      decider: customerDecider,
      prepare: async (state) => {
        const allowed = await this.ledger.authorize(caller, 'customer.manage', customerTarget(caller, data.storeId));
        if (allowed instanceof DomainError) return allowed;
        const sealed = await sealDetails(this.ledger, orgId, 'UpdateCustomerDetails', data, state);
        if (sealed instanceof DomainError) return sealed;
        return {
          command: {
            type: 'UpdateCustomerDetails' as const,
            data,
            context: { sealed: sealed.sealed, phoneOwner: sealed.phoneOwner },
          },
          metadata: allowed.metadata(request),
        };
      },
    });
    // The old number stops finding the customer once the new details are stored.
    await this.ledger.customerKeys.releaseOtherPhones(
      orgId,
      data.customerId,
      normaliseIndianPhone(data.phone) as string,
    );
    return outcome;
  }
}

@CommandHandler(RecordCustomerConsentCommand)
export class RecordCustomerConsentHandler implements ICommandHandler<RecordCustomerConsentCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: RecordCustomerConsentCommand): Promise<CommandOutcome> {
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: customerStreamId(request.data.customerId),
      decider: customerDecider,
      prepare: async () => {
        const allowed = await this.ledger.authorize(
          caller,
          'customer.manage',
          customerTarget(caller, request.data.storeId),
        );
        if (allowed instanceof DomainError) return allowed;
        return {
          command: { type: 'RecordCustomerConsent' as const, data: request.data },
          metadata: allowed.metadata(request),
        };
      },
    });
  }
}

/**
 * Appends CustomerForgotten first, then destroys the key and the phone lookup: if the process
 * dies between the two, the stream already says "forgotten" (every read treats the customer as
 * erased) and the same command sent again destroys what is left.
 */
@CommandHandler(ForgetCustomerCommand)
export class ForgetCustomerHandler implements ICommandHandler<ForgetCustomerCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  async execute({ request, caller }: ForgetCustomerCommand): Promise<CommandOutcome> {
    const outcome = await this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: customerStreamId(request.data.customerId),
      decider: customerDecider,
      prepare: async () => {
        const allowed = await this.ledger.authorize(caller, 'tenancy.manage', {});
        if (allowed instanceof DomainError) return allowed;
        return {
          command: { type: 'ForgetCustomer' as const, data: request.data },
          metadata: allowed.metadata(request),
        };
      },
    });
    await this.ledger.customerKeys.forget(orgOf(caller), request.data.customerId);
    return outcome;
  }
}
