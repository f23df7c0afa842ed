import {
  auditDayStreamId,
  daySealDecider,
  DomainError,
  invoiceDecider,
  invoiceStreamId,
  loyaltyAccountDecider,
  loyaltyAccountStreamId,
  loyaltyProgrammeDecider,
  loyaltyProgrammeStreamId,
  itemDecider,
  itemStreamId,
  orderDecider,
  orderStreamId,
  shiftDecider,
  shiftStreamId,
  stockDecider,
  stockItemDecider,
  stockItemStreamId,
  stockStreamId,
  taxCategoryDecider,
  taxCategoryStreamId,
  tenancyDecider,
  tenancyStreamId,
  type Decider,
  type StoredEvent,
  type StoreCreated,
} from '@possier/events';
import { BRAND, CASHIER, ORG, REGISTER, id } from './fixtures.js';

type DomainEvent = { type: string; data: unknown };
type Meta = { at: string; storeId: string | null; registerId?: string | null };

/**
 * A ledger in memory for projection specs: runs the real deciders over each stream's history and
 * records their events with envelopes and positions, as the store would hand them to a projector.
 * Commands are given in their input shape and parsed by the decider, as over HTTP.
 */
export const createTestLedger = () => {
  const events: StoredEvent[] = [];
  let sequence = 0;

  const record = (streamId: string, domainEvents: ReadonlyArray<DomainEvent>, meta: Meta): StoredEvent[] => {
    const correlationId = id(0x100000 + sequence + 1);
    const recorded = domainEvents.map((event, index): StoredEvent => {
      sequence += 1;
      return {
        eventId: id(0x100000 + sequence),
        type: event.type,
        schemaVersion: 1,
        streamId,
        orgId: ORG,
        brandId: BRAND,
        storeId: meta.storeId,
        registerId: meta.registerId === undefined ? REGISTER : meta.registerId,
        actorId: CASHIER,
        occurredAt: meta.at,
        causationId: null,
        correlationId,
        data: event.data,
        recordedAt: meta.at,
        streamPosition: events.filter((earlier) => earlier.streamId === streamId).length + index,
        globalPosition: sequence,
        logPosition: sequence.toString(16).padStart(16, '0'),
      };
    });
    events.push(...recorded);
    return recorded;
  };

  const run = <Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: unknown,
    meta: Meta,
  ): StoredEvent[] => {
    const state = events
      .filter((event) => event.streamId === streamId)
      .reduce((current, event) => decider.evolve(current, event as unknown as Event), decider.initialState());
    const decision = decider.decide(command as Command, state);
    if (decision instanceof DomainError) throw decision;
    return record(streamId, decision, meta);
  };

  const orgWide = (at: string): Meta => ({ at, storeId: null, registerId: null });

  return {
    events,
    /** A StoreCreated without the org before it, for specs that need only a store and its zone. */
    createStore: (data: StoreCreated['data'], at: string) =>
      record(tenancyStreamId(ORG), [{ type: 'StoreCreated', data }], orgWide(at)),
    tenancy: (command: unknown, at: string) => run(tenancyDecider, tenancyStreamId(ORG), command, orgWide(at)),
    taxCategory: (taxCategoryId: string, command: unknown, at: string) =>
      run(taxCategoryDecider, taxCategoryStreamId(taxCategoryId), command, orgWide(at)),
    item: (itemId: string, command: unknown, at: string) =>
      run(itemDecider, itemStreamId(itemId), command, orgWide(at)),
    order: (orderId: string, command: unknown, at: string, storeId: string) =>
      run(orderDecider, orderStreamId(orderId), command, { at, storeId }),
    shift: (shiftId: string, command: unknown, at: string, storeId: string) =>
      run(shiftDecider, shiftStreamId(shiftId), command, { at, storeId }),
    stock: (storeId: string, stockItemId: string, command: unknown, at: string) =>
      run(stockDecider, stockStreamId(storeId, stockItemId), command, { at, storeId }),
    stockItem: (stockItemId: string, command: unknown, at: string) =>
      run(stockItemDecider, stockItemStreamId(stockItemId), command, orgWide(at)),
    invoice: (invoiceId: string, command: unknown, at: string, storeId: string) =>
      run(invoiceDecider, invoiceStreamId(invoiceId), command, { at, storeId, registerId: null }),
    /** A close or amendment of a store's date, its seal figures given as the ledger would compute them. */
    daySeal: (storeId: string, command: unknown, at: string) =>
      run(daySealDecider, auditDayStreamId(storeId), command, { at, storeId, registerId: null }),
    loyaltyProgramme: (brandId: string, command: unknown, at: string) =>
      run(loyaltyProgrammeDecider, loyaltyProgrammeStreamId(brandId), command, orgWide(at)),
    loyaltyAccount: (brandId: string, customerId: string, command: unknown, at: string, storeId: string) =>
      run(loyaltyAccountDecider, loyaltyAccountStreamId(brandId, customerId), command, { at, storeId }),
    /** Events the ledger records itself, with no command: the conflicts of a replayed offline sale. */
    recordOnOrder: (orderId: string, events: ReadonlyArray<DomainEvent>, at: string, storeId: string) =>
      record(orderStreamId(orderId), events, { at, storeId }),
  };
};

export type TestLedger = ReturnType<typeof createTestLedger>;
