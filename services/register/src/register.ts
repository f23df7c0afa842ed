import {
  accountWithBalance,
  commandDeclarations,
  domainError,
  localDateAndHour,
  loyaltyAccountDecider,
  loyaltyRedemptions,
  parseOrError,
  type CommandDeclaration,
  type CommandScope,
  type Context,
  type ContextNeeds,
  type LoyaltyRule,
  type PaymentTendered,
  DomainError,
  envelopeEvents,
  eventRegistry,
  mintUuidV7,
  normaliseIndianPhone,
  orderDecider,
  orderStreamId,
  shiftDecider,
  shiftStreamId,
  stockStreamId,
  type CatalogEntry,
  type CheckoutRequestInput,
  type EventEnvelope,
  type OrderPlaced,
  type OrderState,
  type RegisterPrincipal,
  type ShiftState,
} from '@possier/events';
import { randomBytes } from 'node:crypto';
import { readSetting, writeSetting, type LocalStore } from './local-store.js';
import { localOffsetDateTime } from './local-time.js';

export type RegisterIdentity = RegisterPrincipal;

/** What the register knows of its store, from its last catalog pull. */
export type StoreFacts = { storeId: string; brandId: string; stateCode: string; timeZone: string };

export type RegisterClock = { now(): Date; random(): Uint8Array };

export const systemClock: RegisterClock = { now: () => new Date(), random: () => randomBytes(16) };

/** A command the register could not decide: the same DomainError the ledger would answer with. */
export class SaleRefusedError extends Error {
  override readonly name = 'SaleRefusedError';
  constructor(readonly error: DomainError) {
    super(`${error.path ? `${error.path}: ` : ''}${error.reason} (${error.code})`);
  }
}

export type QueuedDecision = { decisionId: string; events: EventEnvelope[] };

/**
 * The selling half of a register: each command is decided by the same decider the ledger runs,
 * against the register's cached catalog and its own orders and shifts, and the resulting events
 * are written to the outbox in one SQLite transaction with the state they lead to. Nothing here
 * touches the network: online or offline, a sale takes this path, and the sync pushes it later.
 */
export const createTill = (db: LocalStore, identity: RegisterIdentity, clock: RegisterClock = systemClock) => {
  const mintId = (): string => mintUuidV7({ msecs: clock.now().getTime(), random: clock.random() });

  const storeFacts = (): StoreFacts => {
    const stored = readSetting(db, 'store');
    if (!stored) {
      throw new SaleRefusedError(
        new DomainError(
          'REGISTER.NO_CATALOG',
          'catalog',
          'the register has never pulled its catalog; sync once online',
        ),
      );
    }
    return JSON.parse(stored) as StoreFacts;
  };

  const catalogFor = (itemIds: ReadonlyArray<string>): Record<string, CatalogEntry> => {
    const select = db.prepare('SELECT entry FROM catalog WHERE item_id = ?');
    const entries: Record<string, CatalogEntry> = {};
    for (const itemId of new Set(itemIds)) {
      const row = select.get(itemId) as { entry: string } | undefined;
      if (row) entries[itemId] = JSON.parse(row.entry) as CatalogEntry;
    }
    return entries;
  };

  /** A cached customer, as the ledger last listed them; an erased one is gone after the next pull. */
  const cachedCustomer = (customerId: string) =>
    db.prepare('SELECT customer_id, name, phone FROM customers WHERE customer_id = ?').get(customerId) as
      { customer_id: string; name: string; phone: string } | undefined;

  /** Points with the brand as of the last pull, less what this till redeemed since. */
  const cachedPoints = (customerId: string): number | undefined =>
    (
      db.prepare('SELECT loyalty_points FROM customers WHERE customer_id = ?').get(customerId) as
        { loyalty_points: number } | undefined
    )?.loyalty_points;

  /**
   * The points a sale decided offline redeems, by the same account decider the ledger runs, on
   * the balance this till last pulled (less what it redeemed since); the checkout's declaration
   * has already refused tenders that balance cannot cover. Another till may spend the same points
   * meanwhile; the ledger then records the shortfall on replay.
   */
  const offlineRedemption = (
    placed: OrderPlaced['data'],
    events: ReadonlyArray<{ type: string; data: unknown }>,
  ): number => {
    const tenders = events.flatMap((event) =>
      event.type === 'PaymentTendered' ? [event.data as PaymentTendered['data']] : [],
    );
    const redemptions = loyaltyRedemptions(tenders);
    if (redemptions.length === 0 || placed.customerId === undefined) return 0;
    const rule = JSON.parse(readSetting(db, 'loyaltyRule') ?? 'null') as LoyaltyRule | null;
    const decision = decided(
      loyaltyAccountDecider.decide(
        {
          type: 'SettleOrderLoyalty',
          data: {
            orderId: placed.orderId,
            mode: 'online',
            payablePaise: placed.totals.payablePaise,
            redemptions,
            // The till judges the redemption only; the ledger decides the accrual on replay.
            businessDate: '2000-01-01',
          },
          context: { rule },
        },
        accountWithBalance(cachedPoints(placed.customerId) ?? 0),
      ),
    );
    return decision.reduce((sum, event) => (event.type === 'PointsRedeemed' ? sum + event.data.points : sum), 0);
  };

  const insertOutbox = db.prepare(
    'INSERT INTO outbox (event_id, decision_id, type, envelope, queued_at) VALUES (?, ?, ?, ?, ?)',
  );

  /** Envelopes one decision as this register, at this moment, and queues it; `also` runs in the same transaction. */
  const record = (
    streamId: string,
    events: ReadonlyArray<{ type: string; data: unknown }>,
    also: (envelopes: EventEnvelope[], occurredAt: string) => void,
  ): QueuedDecision => {
    const commandId = mintId();
    const occurredAt = localOffsetDateTime(clock.now());
    const envelopes = envelopeEvents(events, {
      streamId,
      eventIds: events.map(() => mintId()),
      schemaVersionOf: (type) => eventRegistry.currentVersion(type),
      metadata: {
        orgId: identity.orgId,
        brandId: identity.brandId,
        storeId: identity.storeId,
        registerId: identity.registerId,
        actorId: identity.registerId,
        occurredAt,
        causationId: commandId,
        correlationId: commandId,
      },
    });
    db.transaction(() => {
      const queuedAt = clock.now().toISOString();
      for (const envelope of envelopes) {
        insertOutbox.run(envelope.eventId, commandId, envelope.type, JSON.stringify(envelope), queuedAt);
      }
      also(envelopes, occurredAt);
    })();
    return { decisionId: commandId, events: envelopes };
  };

  const orderState = (orderId: string): OrderState => {
    const row = db.prepare('SELECT state FROM orders WHERE order_id = ?').get(orderId) as { state: string } | undefined;
    return row ? (JSON.parse(row.state) as OrderState) : orderDecider.initialState();
  };

  const shiftState = (shiftId: string): ShiftState => {
    const row = db.prepare('SELECT state FROM shifts WHERE shift_id = ?').get(shiftId) as { state: string } | undefined;
    return row ? (JSON.parse(row.state) as ShiftState) : shiftDecider.initialState();
  };

  const decided = <Event>(decision: Event[] | DomainError): Event[] => {
    if (decision instanceof DomainError) throw new SaleRefusedError(decision);
    return decision;
  };

  /** What a declared command needs, from what this till last pulled (and its own clock). */
  const answerNeeds = (needs: ContextNeeds): Context => {
    const { catalog, customer, loyalty, sealedDetails, storeToday } = needs;
    if (sealedDetails) {
      throw new SaleRefusedError(
        domainError(
          'REGISTER.ONLINE_ONLY',
          'data',
          "a customer's details are sealed by the ledger; register them online",
        ),
      );
    }
    const cached = customer && cachedCustomer(customer.customerId);
    const points = loyalty && cachedPoints(loyalty.customerId);
    return {
      ...(catalog ? { catalog: catalogFor(catalog.itemIds) } : {}),
      ...(customer && cached ? { customer: { customerId: customer.customerId, status: 'active' as const } } : {}),
      ...(loyalty
        ? {
            loyalty: {
              account: accountWithBalance(points ?? 0),
              rule: JSON.parse(readSetting(db, 'loyaltyRule') ?? 'null') as LoyaltyRule | null,
            },
          }
        : {}),
      ...(storeToday ? { storeToday: localDateAndHour(clock.now().toISOString(), storeToday.timeZone).date } : {}),
    };
  };

  /**
   * Decides a declared command as the ledger would, with this till's knowledge: the same target,
   * needs, domain command and decider. A register acts only in its own store and as itself; the
   * ledger judges the events again when they are replayed.
   */
  const decide = <Data, Command extends { type: string }, Event, State>(
    declaration: CommandDeclaration<Data, Command, Event, State>,
    input: unknown,
    state: State,
  ): Event[] => {
    const data = parseOrError(declaration.data, input, { pathPrefix: 'data' });
    if (data instanceof DomainError) throw new SaleRefusedError(data);
    const authorization = declaration.authorization;
    if ('operator' in authorization) throw new Error(`${declaration.type} is decided online only`);
    const target = authorization.target(data as Data, state, identity);
    if (target instanceof DomainError) throw new SaleRefusedError(target);
    if (
      (target.storeId !== undefined && target.storeId !== identity.storeId) ||
      (target.registerId !== undefined && target.registerId !== identity.registerId)
    ) {
      throw new SaleRefusedError(
        domainError(
          'AUTH.FORBIDDEN',
          'data.storeId',
          `register ${identity.registerId} acts only in its own store, as itself`,
        ),
      );
    }
    const scope: CommandScope = { principal: identity, tenancy: undefined, store: storeFacts() };
    const needs = declaration.needs?.({ data: data as Data, state, scope, target }) ?? {};
    if (needs instanceof DomainError) throw new SaleRefusedError(needs);
    const command = declaration.command({ data: data as Data, state, scope, target, context: answerNeeds(needs) });
    if (command instanceof DomainError) throw new SaleRefusedError(command);
    return decided(declaration.decider.decide(command, state));
  };

  const saveOrder = (orderId: string, state: OrderState) =>
    db.prepare('UPDATE orders SET state = ? WHERE order_id = ?').run(JSON.stringify(state), orderId);

  return {
    identity,
    storeFacts,

    /** The org's customer with this phone, however it is typed, from the cache pulled last. */
    findCustomer(
      phone: string,
    ): { customerId: string; name: string; phone: string; loyaltyPoints: number } | undefined {
      const normalised = normaliseIndianPhone(phone);
      if (normalised === null) return undefined;
      const row = db
        .prepare('SELECT customer_id, name, phone, loyalty_points FROM customers WHERE phone = ?')
        .get(normalised) as { customer_id: string; name: string; phone: string; loyalty_points: number } | undefined;
      return (
        row && { customerId: row.customer_id, name: row.name, phone: row.phone, loyaltyPoints: row.loyalty_points }
      );
    },

    /** Checks out an order: decided with the cached catalog, queued with its tenders and stock depletion. */
    checkout(
      request: Omit<CheckoutRequestInput, 'storeId' | 'registerId'>,
    ): QueuedDecision & { placed: OrderPlaced['data'] } {
      const data = { ...request, storeId: identity.storeId, registerId: identity.registerId };
      const state = orderState(request.orderId);
      const events = decide(commandDeclarations.placeOrder, data, state);
      const placed = (events.find((event) => event.type === 'OrderPlaced') as OrderPlaced).data;
      const redeemedPoints = offlineRedemption(placed, events);
      const cashTendered = events.reduce(
        (sum, event) =>
          event.type === 'PaymentTendered' && event.data.kind === 'cash' ? sum + event.data.amountPaise : sum,
        0,
      );
      const queued = record(orderStreamId(request.orderId), events, (_envelopes, occurredAt) => {
        db.prepare(
          `INSERT INTO orders (order_id, shift_id, state, cash_tendered_paise, change_paise, placed_at) VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(
          request.orderId,
          placed.shiftId,
          JSON.stringify(events.reduce(orderDecider.evolve, state)),
          cashTendered,
          placed.changePaise,
          occurredAt,
        );
        if (redeemedPoints > 0 && placed.customerId !== undefined)
          db.prepare('UPDATE customers SET loyalty_points = loyalty_points - ? WHERE customer_id = ?').run(
            redeemedPoints,
            placed.customerId,
          );
      });
      return { ...queued, placed };
    },

    /** Voids one of this register's own orders. */
    voidOrder(orderId: string, reason: string): QueuedDecision {
      const state = orderState(orderId);
      const events = decide(commandDeclarations.voidOrder, { orderId, reason }, state);
      return record(orderStreamId(orderId), events, () =>
        saveOrder(orderId, events.reduce(orderDecider.evolve, state)),
      );
    },

    openShift(shiftId: string, floatPaise: number, openedBy: string): QueuedDecision {
      const state = shiftState(shiftId);
      const openedAt = localOffsetDateTime(clock.now());
      const events = decide(
        commandDeclarations.openShift,
        { shiftId, storeId: identity.storeId, registerId: identity.registerId, floatPaise, openedAt, openedBy },
        state,
      );
      return record(shiftStreamId(shiftId), events, () => {
        db.prepare('INSERT INTO shifts (shift_id, state, opened_at) VALUES (?, ?, ?)').run(
          shiftId,
          JSON.stringify(events.reduce(shiftDecider.evolve, state)),
          openedAt,
        );
        writeSetting(db, 'currentShift', shiftId);
      });
    },

    /**
     * Closes a shift with the cash the cashier counted. The cash takings are this register's own
     * cash sales and change on the shift, from its orders: the shift stream cannot see them.
     */
    closeShift(shiftId: string, countedCashPaise: number, closedBy: string): QueuedDecision {
      const state = shiftState(shiftId);
      const takings = db
        .prepare(
          `SELECT coalesce(sum(cash_tendered_paise), 0) AS cash, coalesce(sum(change_paise), 0) AS change
           FROM orders WHERE shift_id = ? AND json_extract(state, '$.status') <> 'voided'`,
        )
        .get(shiftId) as { cash: number; change: number };
      const events = decide(
        commandDeclarations.closeShift,
        {
          shiftId,
          countedCashPaise,
          closedAt: localOffsetDateTime(clock.now()),
          closedBy,
          cashTakings: { cashSalesPaise: takings.cash, changeGivenPaise: takings.change, cashRefundsPaise: 0 },
        },
        state,
      );
      return record(shiftStreamId(shiftId), events, () => {
        db.prepare('UPDATE shifts SET state = ? WHERE shift_id = ?').run(
          JSON.stringify(events.reduce(shiftDecider.evolve, state)),
          shiftId,
        );
        db.prepare(`DELETE FROM settings WHERE key = 'currentShift' AND value = ?`).run(shiftId);
      });
    },

    /** Records a physical count of one stock item in this store. */
    countStock(stockItemId: string, countedQuantity: number): QueuedDecision {
      const events = decide(
        commandDeclarations.adjustStock,
        {
          reason: 'count',
          stockItemId,
          storeId: identity.storeId,
          adjustmentId: mintId(),
          occurredAt: localOffsetDateTime(clock.now()),
          countedQuantity,
        },
        commandDeclarations.adjustStock.decider.initialState(),
      );
      return record(stockStreamId(identity.storeId, stockItemId), events, () => undefined);
    },

    currentShift: (): string | undefined => readSetting(db, 'currentShift'),
  };
};

export type Till = ReturnType<typeof createTill>;
