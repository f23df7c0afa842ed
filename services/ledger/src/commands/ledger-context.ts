import {
  authorize,
  catalogEntryOf,
  domainError,
  foldEvents,
  itemDecider,
  itemStreamId,
  taxCategoryDecider,
  taxCategoryStreamId,
  tenancyDecider,
  tenancyStreamId,
  type Action,
  type ActiveTenancy,
  type CatalogView,
  type DomainError,
  type EnvelopeMetadata,
  type EventStore,
  type Principal,
  type TenancyState,
  type TenancyStore,
} from '@possier/events';
import type { TokenClaims } from '../auth/tokens.js';
import type { CustomerKeyring } from '../customers/customer-keyring.js';
import type { Metrics } from '../observability/metrics.js';
import type { RegisterSyncLog } from '../offline/register-sync.js';
import type { StockLevels } from '../offline/stock-levels.js';
import { executeStreamCommand, type CommandOutcome, type StreamCommandSpec } from './stream-executor.js';

/** Who is calling, as the token says, and the flow the call belongs to. */
export type Caller = { claims: TokenClaims; correlationId: string };

/** A command as it arrives over HTTP: the contract's envelope around the command's data. */
export type CommandRequest<Data> = { commandId: string; occurredAt: string; data: Data };

/** What a command acts on, as far as scope goes. The org defaults to the caller's. */
export type Target = {
  orgId?: string | undefined;
  storeId?: string | undefined;
  brandId?: string | undefined;
  registerId?: string | undefined;
};

export type Authorized = {
  principal: Principal;
  tenancy: ActiveTenancy;
  store: TenancyStore | undefined;
  metadata: (request: CommandRequest<unknown>) => EnvelopeMetadata;
};

type DomainEventShape = { type: string; data: unknown };

/**
 * What every handler shares: the store, the org's tenancy (for scope checks and store facts),
 * authorization, envelope metadata and the load-decide-append loop. Handlers stay thin: they
 * say which stream, which decider, which action and target, and how the request becomes the
 * domain command.
 */
export class LedgerContext {
  private readonly tenancies = new Map<string, { version: number; state: TenancyState }>();

  constructor(
    readonly store: EventStore,
    /** Stock on hand from the log, for judging replayed offline sales. */
    readonly stockLevels: StockLevels,
    /** What registers last said of their outboxes. */
    readonly registerSync: RegisterSyncLog,
    private readonly metrics: Metrics,
    private readonly retries: number,
    /** Customers' data keys and phone lookup, outside the event store. */
    readonly customerKeys: CustomerKeyring,
  ) {}

  /** Runs a command for `caller`, to whom a stream of another org looks as if it did not exist. */
  run<Command, Event extends DomainEventShape, State>(
    caller: Caller,
    spec: StreamCommandSpec<Command, Event, State>,
  ): Promise<CommandOutcome> {
    return executeStreamCommand(this.store, spec, {
      retries: this.retries,
      onAppend: (seconds) => this.metrics.appendDuration.observe(seconds),
      orgId: caller.claims.kind === 'operator' ? undefined : caller.claims.orgId,
    });
  }

  /**
   * The org's tenancy tree, kept in memory and brought up to date from the stream on every call
   * (one read of what was appended since), so a revoked role or a new store counts at once.
   */
  async tenancy(orgId: string): Promise<TenancyState> {
    const cached = this.tenancies.get(orgId) ?? { version: -1, state: tenancyDecider.initialState() };
    const fresh = await this.store.readStream(tenancyStreamId(orgId), { from: cached.version + 1, limit: 100_000 });
    if (fresh.length === 0) return cached.state;
    const state = fresh.reduce(
      (current, event) => tenancyDecider.evolve(current, { type: event.type, data: event.data } as never),
      cached.state,
    );
    const next = { version: (fresh.at(-1) as { streamPosition: number }).streamPosition, state };
    this.tenancies.set(orgId, next);
    return state;
  }

  /**
   * Checks the caller may run `action` on `target`, by the org's tenancy as it is now, and
   * returns what the command's events are stamped with. The org is always the caller's; a target
   * store's brand comes from the tenancy, never from the request.
   */
  async authorize(caller: Caller, action: Action, target: Target): Promise<Authorized | DomainError> {
    const { claims } = caller;
    if (claims.kind === 'operator') {
      return domainError('AUTH.FORBIDDEN', '', 'an operator token may only create organisations');
    }
    if (target.orgId !== undefined && target.orgId !== claims.orgId) {
      return domainError(
        'AUTH.WRONG_ORG',
        'data.orgId',
        `a token of org ${claims.orgId} cannot act in org ${target.orgId}`,
      );
    }
    const tenancy = await this.tenancy(claims.orgId);
    if (tenancy.status !== 'active') return domainError('AUTH.UNKNOWN_ORG', '', `org ${claims.orgId} does not exist`);
    const principal: Principal = claims;
    const full = { ...target, orgId: claims.orgId };
    const refused = authorize(principal, action, full, tenancy);
    if (refused) return refused;
    const store = target.storeId === undefined ? undefined : tenancy.stores[target.storeId];
    const brandId = store?.brandId ?? target.brandId ?? null;
    const registerId = principal.kind === 'register' ? principal.registerId : (target.registerId ?? null);
    return {
      principal,
      tenancy,
      store,
      metadata: (request) => ({
        orgId: claims.orgId,
        brandId,
        storeId: target.storeId ?? null,
        registerId,
        actorId: principal.kind === 'register' ? principal.registerId : principal.userId,
        occurredAt: request.occurredAt,
        causationId: request.commandId,
        correlationId: caller.correlationId,
      }),
    };
  }

  /**
   * The catalog entries a checkout in `storeId` needs, folded from the item and tax-category
   * streams (the source of truth). Items of another org or another brand are left out, so the
   * decider refuses them as unknown.
   */
  async catalogFor(
    orgId: string,
    brandId: string,
    storeId: string,
    itemIds: ReadonlyArray<string>,
  ): Promise<CatalogView> {
    const entries = await Promise.all(
      [...new Set(itemIds)].map(async (itemId) => {
        const item = foldEvents(itemDecider, await this.domainEvents(itemStreamId(itemId), orgId));
        if (item.status !== 'defined' || item.brandId !== brandId) return undefined;
        const category = foldEvents(
          taxCategoryDecider,
          await this.domainEvents(taxCategoryStreamId(item.taxCategoryId), orgId),
        );
        if (category.status !== 'defined') return undefined;
        return catalogEntryOf(item, category, storeId);
      }),
    );
    return Object.fromEntries(entries.flatMap((entry) => (entry ? [[entry.itemId, entry]] : [])));
  }

  /** A stream's events as `{ type, data }`, or none if the stream belongs to another org. */
  private async domainEvents(streamId: string, orgId: string): Promise<never[]> {
    const events = await this.store.readStream(streamId, { limit: 100_000 });
    if (events[0] && events[0].orgId !== orgId) return [];
    return events.map((event) => ({ type: event.type, data: event.data }) as never);
  }
}
