import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { domainError, DomainError, orderDecider, orderStreamId, type Action, type OrderState } from '@possier/events';
import { AdjustTipCommand, PlaceOrderCommand, RefundOrderCommand, VoidOrderCommand } from '../commands.js';
import { LedgerContext, type Caller, type CommandRequest } from '../ledger-context.js';
import type { CommandOutcome } from '../stream-executor.js';
import { customerState } from '../../customers/customer-directory.js';

/** The customer an order names, as the org's customer stream says; undefined when there is none. */
const customerOnOrder = async (ledger: LedgerContext, orgId: string, customerId: string) => {
  const state = await customerState(ledger.store, orgId, customerId);
  if (state.status === 'none') return undefined;
  return { customerId, status: state.status };
};

@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: PlaceOrderCommand): Promise<CommandOutcome> {
    const { data } = request;
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: orderStreamId(data.orderId),
      decider: orderDecider,
      prepare: async () => {
        // A register sells as itself: an order it sends without a register id is its own.
        const registerId = data.registerId ?? (caller.claims.kind === 'register' ? caller.claims.registerId : null);
        const allowed = await this.ledger.authorize(caller, 'order.place', {
          storeId: data.storeId,
          registerId: registerId ?? undefined,
        });
        if (allowed instanceof DomainError) return allowed;
        const store = allowed.store as NonNullable<typeof allowed.store>;
        const itemIds = data.lines.flatMap((line) => [line.itemId, ...line.modifierIds]);
        const catalog = await this.ledger.catalogFor(allowed.principal.orgId, store.brandId, data.storeId, itemIds);
        const customer =
          data.customerId === undefined
            ? undefined
            : await customerOnOrder(this.ledger, allowed.principal.orgId, data.customerId);
        return {
          command: {
            type: 'PlaceOrder' as const,
            data: { ...data, registerId },
            context: {
              store: { storeId: data.storeId, stateCode: store.stateCode },
              catalog,
              ...(customer === undefined ? {} : { customer }),
            },
          },
          metadata: allowed.metadata(request),
        };
      },
    });
  }
}

/** Commands on an existing order act in the order's store, whatever the request says. */
const onPlacedOrder = async <Command>(
  ledger: LedgerContext,
  caller: Caller,
  request: CommandRequest<{ orderId: string }>,
  state: OrderState,
  action: Action,
  command: Command,
) => {
  if (state.status === 'none')
    return domainError('ORDER.NOT_FOUND', 'data.orderId', 'no order with this id has been placed');
  const allowed = await ledger.authorize(caller, action, { storeId: state.storeId });
  if (allowed instanceof DomainError) return allowed;
  return { command, metadata: allowed.metadata(request) };
};

@CommandHandler(VoidOrderCommand)
export class VoidOrderHandler implements ICommandHandler<VoidOrderCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: VoidOrderCommand): Promise<CommandOutcome> {
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: orderStreamId(request.data.orderId),
      decider: orderDecider,
      prepare: (state) =>
        onPlacedOrder(this.ledger, caller, request, state, 'order.void', {
          type: 'VoidOrder' as const,
          data: request.data,
        }),
    });
  }
}

@CommandHandler(RefundOrderCommand)
export class RefundOrderHandler implements ICommandHandler<RefundOrderCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: RefundOrderCommand): Promise<CommandOutcome> {
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: orderStreamId(request.data.orderId),
      decider: orderDecider,
      prepare: (state) =>
        onPlacedOrder(this.ledger, caller, request, state, 'order.refund', {
          type: 'RefundOrder' as const,
          data: request.data,
        }),
    });
  }
}

@CommandHandler(AdjustTipCommand)
export class AdjustTipHandler implements ICommandHandler<AdjustTipCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  execute({ request, caller }: AdjustTipCommand): Promise<CommandOutcome> {
    return this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: orderStreamId(request.data.orderId),
      decider: orderDecider,
      prepare: (state) =>
        onPlacedOrder(this.ledger, caller, request, state, 'order.tip', {
          type: 'AdjustTip' as const,
          data: request.data,
        }),
    });
  }
}
