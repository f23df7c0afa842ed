import { createHash } from 'node:crypto';
import {
  authorize,
  canonicalJson,
  checkOnlineOccurredAt,
  type ClockPolicy,
  catalogEntryOf,
  domainError,
  DomainError,
  type AnyCommandDeclaration,
  type CommandScope,
  itemDecider,
  itemStreamId,
  taxCategoryDecider,
  taxCategoryStreamId,
  tenancyDecider,
  tenancyStreamId,
  type Action,
  type ActiveTenancy,
  type CatalogView,
  type ItemState,
  type TaxCategoryState,
  type EnvelopeMetadata,
  type EventStore,
  type Principal,
  type TenancyState,
  type TenancyStore,
} from '@possier/events';
import { PendingAuditKeys } from '../audit/audit-answers.js';
import type { AuditContext } from '../audit/audit-context.js';
import type { Clock } from '../clock-settings.js';
import type { TokenClaims, TokenService } from '../auth/tokens.js';
import type { CustomerKeyring } from '../customers/customer-keyring.js';
import type { Metrics } from '../observability/metrics.js';
import type { RegisterSyncLog } from '../offline/register-sync.js';
import type { StockLevels } from '../offline/stock-levels.js';
import { answerNeeds } from './context-answers.js';
import { FoldedStreams } from './folded-streams.js';
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

/** The audit key ids events name as theirs (a rotation's new key). */
const keysNamedBy = (events: ReadonlyArray<DomainEventShape>): Set<string> =>
  new Set(
    events.flatMap((event) => (event.type === 'AuditKeyRotated' ? [(event.data as { keyId: string }).keyId] : [])),
  );

/**
 * What tells two commands under one id apart: the command's type and its validated data, in their
 * canonical JSON spelling (so member order and spacing do not count). Not `occurredAt`: a client
 * retrying may stamp the attempt afresh, and the first run's time stands.
 */
const commandFingerprint = (type: string, data: unknown): string =>
  createHash('sha256').update(canonicalJson({ type, data })).digest('base64url');

/**
 * What every handler shares: the store, the org's tenancy (for scope checks and store facts),
 * authorization, envelope metadata and the load-decide-append loop. Handlers stay thin: they
 * say which stream, which decider, which action and target, and how the request becomes the
 * domain command.
 */
export class LedgerContext {
  private readonly folded: FoldedStreams;

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
    /** The audit trail as stored and the orgs' signing keys, for closing days and rotating keys. */
    readonly audit: AuditContext,
    /** The time online commands are judged by and replayed events placed against. */
    readonly clock: Clock,
    readonly clockPolicy: ClockPolicy,
    /** Signs the tokens owners issue (`POST /v1/tokens`), with the key and lifetimes the ledger verifies by. */
    readonly tokens: TokenService,
  ) {
    this.folded = new FoldedStreams(store);
  }

  /** Counts a sync's measured till clock skew (milliseconds, the till's clock minus the ledger's). */
  observeTillClock(skewMs: number): void {
    this.metrics.tillClockSkew.observe(Math.abs(skewMs) / 1000);
  }

  /** Runs a command for `caller` on a stream of the caller's org (or, for an operator, of the org it creates). */
  run<Command, Event extends DomainEventShape, State>(
    caller: Caller,
    spec: StreamCommandSpec<Command, Event, State>,
  ): Promise<CommandOutcome> {
    const orgId = caller.claims.kind === 'operator' ? spec.operatorTargetOrgId : caller.claims.orgId;
    if (orgId === undefined)
      return Promise.reject(domainError('AUTH.FORBIDDEN', '', 'an operator token may only create organisations'));
    return executeStreamCommand(this.store, spec, {
      retries: this.retries,
      onAppend: (seconds) => this.metrics.appendDuration.observe(seconds),
      orgId,
    });
  }

  /**
   * Runs a declared command for `caller`, the same steps for every command: fold the stream the
   * declaration names; take the target from the command and that state and authorize it; answer
   * what the declaration needs; build the domain command; decide and append (see run).
   */
  execute(
    declaration: AnyCommandDeclaration,
    request: CommandRequest<unknown>,
    caller: Caller,
  ): Promise<CommandOutcome> {
    const { data } = request;
    const fingerprint = commandFingerprint(declaration.type, data);
    const authorization = declaration.authorization;
    if ('operator' in authorization) {
      const orgId = authorization.org(data);
      return this.run(caller, {
        commandId: request.commandId,
        fingerprint,
        streamId: declaration.stream(data),
        operatorTargetOrgId: orgId,
        decider: declaration.decider,
        prepare: async (state) => {
          if (caller.claims.kind !== 'operator')
            return domainError('AUTH.FORBIDDEN', '', `${declaration.type} takes an operator token`);
          const untimely = checkOnlineOccurredAt(request.occurredAt, this.clock(), this.clockPolicy);
          if (untimely) return untimely;
          const actorId = authorization.actor(data);
          const scope: CommandScope = {
            principal: { kind: 'user', orgId, userId: actorId },
            tenancy: undefined,
            store: undefined,
          };
          const command = declaration.command({ data, state, scope, target: { orgId }, context: {} });
          if (command instanceof DomainError) return command;
          return {
            command,
            metadata: {
              orgId,
              brandId: null,
              storeId: null,
              registerId: null,
              actorId,
              occurredAt: request.occurredAt,
              causationId: request.commandId,
              correlationId: caller.correlationId,
            },
          };
        },
      });
    }
    const pendingKeys = new PendingAuditKeys(this);
    const outcome = this.run(caller, {
      commandId: request.commandId,
      fingerprint,
      streamId: declaration.stream(data),
      decider: declaration.decider,
      prepare: async (state) => {
        const { claims } = caller;
        if (claims.kind === 'operator')
          return domainError('AUTH.FORBIDDEN', '', 'an operator token may only create organisations');
        const target = authorization.target(data, state, claims);
        if (target instanceof DomainError) return target;
        const action = authorization.stricter?.when(data, state) ? authorization.stricter.action : authorization.action;
        const allowed = await this.authorize(caller, action, target);
        if (allowed instanceof DomainError) return allowed;
        const scope: CommandScope = { principal: allowed.principal, tenancy: allowed.tenancy, store: allowed.store };
        const needs = declaration.needs?.({ data, state, scope, target }) ?? {};
        if (needs instanceof DomainError) return needs;
        const context = await answerNeeds(this, allowed.principal.orgId, needs, pendingKeys);
        const command = declaration.command({ data, state, scope, target, context });
        if (command instanceof DomainError) return command;
        // Timed after the rules, so a command refused for its content says that first.
        const untimely = checkOnlineOccurredAt(request.occurredAt, this.clock(), this.clockPolicy);
        if (untimely) return untimely;
        return { command, metadata: allowed.metadata(request) };
      },
    });
    // A key made for a command that stored nothing (refused, lost, already run) is forgotten.
    return outcome.then(
      async (done) => {
        await pendingKeys.settle(keysNamedBy(done.replayed ? [] : done.produced));
        return done;
      },
      async (error: unknown) => {
        await pendingKeys.settle(new Set());
        throw error;
      },
    );
  }

  /**
   * The org's tenancy tree, kept in memory and brought up to date from the stream on every call
   * (one read of what was appended since), so a revoked role or a new store counts at once.
   */
  async tenancy(orgId: string): Promise<TenancyState> {
    const streamId = tenancyStreamId(orgId);
    const states = await this.folded.fold(orgId, [{ streamId, decider: tenancyDecider }]);
    return states.get(streamId) as TenancyState;
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
   * streams (the source of truth), kept folded in memory and brought up to date in one read: the
   * items together with the categories they were last seen in, then any category that changed.
   * Items of another org or another brand are left out, so the decider refuses them as unknown.
   */
  async catalogFor(
    orgId: string,
    brandId: string,
    storeId: string,
    itemIds: ReadonlyArray<string>,
  ): Promise<CatalogView> {
    const itemStreams = [...new Set(itemIds)].map((itemId) => itemStreamId(itemId));
    const categoryOf = (item: ItemState | undefined) =>
      item?.status === 'defined' ? taxCategoryStreamId(item.taxCategoryId) : undefined;
    const likelyCategories = new Set(
      itemStreams.flatMap((streamId) => categoryOf(this.folded.peek<ItemState>(streamId, orgId)) ?? []),
    );
    const read = await this.folded.fold(orgId, [
      ...itemStreams.map((streamId) => ({ streamId, decider: itemDecider })),
      ...[...likelyCategories].map((streamId) => ({ streamId, decider: taxCategoryDecider })),
    ]);
    const items = itemStreams.map((streamId) => read.get(streamId) as ItemState);
    const missing = [...new Set(items.flatMap((item) => categoryOf(item) ?? []))].filter(
      (streamId) => !read.has(streamId),
    );
    if (missing.length > 0) {
      const more = await this.folded.fold(
        orgId,
        missing.map((streamId) => ({ streamId, decider: taxCategoryDecider })),
      );
      for (const [streamId, category] of more) read.set(streamId, category);
    }
    const entries = items.map((item) => {
      if (item.status !== 'defined' || item.brandId !== brandId) return undefined;
      const category = read.get(taxCategoryStreamId(item.taxCategoryId)) as TaxCategoryState | undefined;
      if (category?.status !== 'defined') return undefined;
      return catalogEntryOf(item, category, storeId);
    });
    return Object.fromEntries(entries.flatMap((entry) => (entry ? [[entry.itemId, entry]] : [])));
  }
}
