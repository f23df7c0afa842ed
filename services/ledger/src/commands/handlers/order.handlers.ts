import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  domainError,
  DomainError,
  orderDecider,
  orderStreamId,
  type Action,
  type CheckoutRequest,
  type OrderState,
} from '@possier/events';
import { AdjustTipCommand, PlaceOrderCommand, RefundOrderCommand, VoidOrderCommand } from '../commands.js';
import { LedgerContext, type Caller, type CommandRequest } from '../ledger-context.js';
import type { CommandOutcome } from '../stream-executor.js';
import { customerState } from '../../customers/customer-directory.js';
import {
  checkRedemptions,
  placedSaleOf,
  reverseForOrderEvent,
  settleOrderLoyalty,
} from '../../loyalty/order-loyalty.js';

/** The customer an order names, as the org's customer stream says; undefined when there is none. */
const customerOnOrder = async (ledger: LedgerContext, orgId: string, customerId: string) => {
  const state = await customerState(ledger.store, orgId, customerId);
  if (state.status === 'none') return undefined;
  return { customerId, status: state.status };
};

@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  async execute({ request, caller }: PlaceOrderCommand): Promise<CommandOutcome> {
    const { data } = request;
    const outcome = await this.ledger.run(caller, {
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
        if (data.customerId !== undefined && customer?.status === 'active') {
          const refused = await checkRedemptions(this.ledger.store, {
            orgId: allowed.principal.orgId,
            brandId: store.brandId,
            customerId: data.customerId,
            orderId: data.orderId,
            tenders: data.tenders,
          });
          if (refused) return refused;
        }
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
    // A retried checkout comes here too, so a loyalty step lost to a crash is done on the retry.
    if (data.customerId !== undefined) await this.settleLoyalty(caller, request, outcome);
    return outcome;
  }

  private async settleLoyalty(caller: Caller, request: CommandRequest<CheckoutRequest>, outcome: CommandOutcome) {
    const orderEvents = await this.ledger.store.readStream(outcome, { limit: 100_000 });
    const sale = placedSaleOf(orderEvents);
    if (!sale) return;
    const allowed = await this.ledger.authorize(caller, 'order.place', { storeId: sale.placed.data.storeId });
    if (allowed instanceof DomainError || !allowed.store) return;
    await settleOrderLoyalty(this.ledger, caller, sale, {
      orgId: allowed.principal.orgId,
      timeZone: allowed.store.timeZone,
      metadata: (commandId) => allowed.metadata({ ...request, commandId }),
    });
  }
}

/** After a refund or void: the order's loyalty is reversed for it (see reverseForOrderEvent). */
const reverseLoyalty = async (
  ledger: LedgerContext,
  caller: Caller,
  request: CommandRequest<unknown>,
  outcome: CommandOutcome,
  action: Action,
  type: 'OrderRefunded' | 'OrderVoided',
  refundId?: string,
) => {
  const orderEvents = await ledger.store.readStream(outcome, { limit: 100_000 });
  const source = orderEvents.find(
    (event) =>
      event.type === type && (refundId === undefined || (event.data as { refundId?: string }).refundId === refundId),
  );
  const placed = orderEvents.find((event) => event.type === 'OrderPlaced');
  if (!source || !placed || placed.storeId === null) return;
  const allowed = await ledger.authorize(caller, action, { storeId: placed.storeId });
  if (allowed instanceof DomainError || !allowed.store) return;
  await reverseForOrderEvent(ledger, caller, orderEvents, {
    eventId: source.eventId,
    orgId: allowed.principal.orgId,
    timeZone: allowed.store.timeZone,
    metadata: (commandId) => allowed.metadata({ ...request, commandId }),
  });
};

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

  async execute({ request, caller }: VoidOrderCommand): Promise<CommandOutcome> {
    const outcome = await this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: orderStreamId(request.data.orderId),
      decider: orderDecider,
      prepare: (state) =>
        onPlacedOrder(this.ledger, caller, request, state, 'order.void', {
          type: 'VoidOrder' as const,
          data: request.data,
        }),
    });
    await reverseLoyalty(this.ledger, caller, request, outcome, 'order.void', 'OrderVoided');
    return outcome;
  }
}

@CommandHandler(RefundOrderCommand)
export class RefundOrderHandler implements ICommandHandler<RefundOrderCommand, CommandOutcome> {
  constructor(@Inject(LedgerContext) private readonly ledger: LedgerContext) {}

  async execute({ request, caller }: RefundOrderCommand): Promise<CommandOutcome> {
    const outcome = await this.ledger.run(caller, {
      commandId: request.commandId,
      streamId: orderStreamId(request.data.orderId),
      decider: orderDecider,
      prepare: (state) =>
        onPlacedOrder(this.ledger, caller, request, state, 'order.refund', {
          type: 'RefundOrder' as const,
          data: request.data,
        }),
    });
    await reverseLoyalty(this.ledger, caller, request, outcome, 'order.refund', 'OrderRefunded', request.data.refundId);
    return outcome;
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
