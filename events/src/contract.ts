import { z } from 'zod';
import { commandRequest } from './command-request.js';
import type { AnyCommandDeclaration } from './command-declaration.js';
import { commandDeclarations, type CommandName } from './command-declarations.js';
import { EventEnvelope } from './envelope.js';
import { Uuid } from './ids.js';
import { OfflineConflict } from './order/offline-conflict.js';
import { OffsetDateTime } from './time.js';
import { CatalogEntry } from './catalog/catalog-entry.js';
import { GstStateCode } from './gst.js';
import { LoyaltyRule } from './loyalty/loyalty.commands.js';

/**
 * The HTTP contract between registers (and other clients) and the ledger, as Zod schemas: the
 * server validates requests with them, the register builds requests with them, and the OpenAPI
 * document is generated from them, so there is no second set of DTOs to drift.
 */

export { commandRequest };

import { ErrorBody, ErrorDetail } from './error-body.js';

export { ErrorBody, ErrorDetail };

export const AppendedEvent = z.object({
  eventId: Uuid,
  type: z.string(),
  streamPosition: z.number().int().nonnegative(),
  globalPosition: z.number().int().positive(),
});

/**
 * What a command appended. A command sent again with the same `commandId` gets the very same body
 * (its first run's events; nothing new is appended) with the header `Idempotent-Replayed: true`.
 */
export const CommandResult = z.object({
  commandId: Uuid,
  streamId: z.string(),
  events: z.array(AppendedEvent),
});
export type CommandResult = z.infer<typeof CommandResult>;

/** A batch of events a register decided while offline, pushed from its outbox in order. */
export const ReplayRequest = z.object({
  registerId: Uuid,
  batchId: Uuid,
  events: z.array(EventEnvelope).min(1).max(500),
  /** The register's outbox as it stood when it sent the batch, for the operators' view of who is behind. */
  outbox: z
    .object({
      queuedEvents: z.number().int().nonnegative(),
      oldestQueuedAt: OffsetDateTime.nullable(),
    })
    .optional(),
  /**
   * The register's clock when it sent the batch. The ledger measures the till's skew from it and
   * places the batch's events by corrected time when the till is off (events/src/clock-policy.ts).
   */
  registerClock: OffsetDateTime.optional(),
});
export type ReplayRequest = z.infer<typeof ReplayRequest>;

/** What changed while the register was offline; the sale stands. */
export const ReplayConflict = OfflineConflict;

/**
 * The server's answer per replayed event. An outbox row leaves the register only once it has one;
 * a sale that happened is never dropped, so a changed price or an item gone inactive while offline
 * is `accepted_with_conflict`, recorded for a manager, not `rejected`.
 */
export const ReplayVerdict = z.discriminatedUnion('verdict', [
  z.object({ eventId: Uuid, verdict: z.literal('accepted'), globalPosition: z.number().int().positive() }),
  z.object({ eventId: Uuid, verdict: z.literal('duplicate') }),
  z.object({ eventId: Uuid, verdict: z.literal('rejected'), error: ErrorDetail }),
  z.object({
    eventId: Uuid,
    verdict: z.literal('accepted_with_conflict'),
    globalPosition: z.number().int().positive(),
    conflicts: z.array(ReplayConflict).min(1),
  }),
]);
export type ReplayVerdict = z.infer<typeof ReplayVerdict>;

/**
 * What a register pulls to sell offline: the catalog entries of its store that changed after
 * `after` (all of them on a first pull, or when a tax category changed, with `complete` set), the
 * store's GST state and zone, and the position to pass as `after` next time.
 */
export const CatalogPullQuery = z.strictObject({
  after: z
    .string()
    .regex(/^[0-9a-f-]{1,64}$/)
    .optional(),
});
export type CatalogPullQuery = z.infer<typeof CatalogPullQuery>;

export const CatalogPullResponse = z.object({
  store: z.object({
    storeId: Uuid,
    brandId: Uuid,
    stateCode: GstStateCode,
    timeZone: z.string(),
    /**
     * What the till shows a person instead of ids. Optional: a ledger from before they were sent
     * answers without them, and the till then falls back to the ids.
     */
    names: z
      .object({ org: z.string(), brand: z.string(), store: z.string(), register: z.string() })
      .partial()
      .optional(),
  }),
  complete: z.boolean(),
  entries: z.array(CatalogEntry),
  position: z.string().nullable(),
});
export type CatalogPullResponse = z.infer<typeof CatalogPullResponse>;

export const ReplayResponse = z.object({
  batchId: Uuid,
  verdicts: z.array(ReplayVerdict),
  /** The register's clock minus the ledger's, as measured at this sync, when the batch carried it. */
  clockSkewMs: z.number().int().optional(),
});
export type ReplayResponse = z.infer<typeof ReplayResponse>;

type Route = {
  method: 'POST';
  path: string;
  summary: string;
  /** The command the body's `data` becomes (a checkout's context is resolved by the server). */
  command: string;
  body: z.ZodType;
  response: z.ZodType;
};

const routeOf = (declaration: AnyCommandDeclaration): Route => ({
  method: 'POST',
  path: declaration.route.path,
  summary: declaration.route.summary,
  command: declaration.type,
  body: commandRequest(declaration.data),
  response: declaration.answer?.schema ?? CommandResult,
});

/**
 * Every endpoint that takes a command, by operation id: each declared command's route, and the
 * offline replay of a register's outbox. Path parameters repeat ids the body carries; the server
 * checks they agree.
 */
export const commandRoutes = {
  ...(Object.fromEntries(
    Object.entries(commandDeclarations).map(([name, declaration]) => [name, routeOf(declaration)]),
  ) as Record<CommandName, Route>),
  replay: {
    method: 'POST',
    path: '/v1/registers/{registerId}/replay',
    summary: "Replay a batch of events from a register's offline outbox",
    command: 'Replay',
    body: ReplayRequest,
    response: ReplayResponse,
  } satisfies Route,
};

/**
 * A customer as the ledger reads them back, decrypted at read time. An erased customer (or one
 * whose key is gone) reads as `erased`, with a placeholder name and no contact details.
 */
export const CustomerView = z.object({
  customerId: Uuid,
  status: z.enum(['active', 'erased']),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().optional(),
  gstin: z.string().optional(),
  consent: z.object({ marketing: z.boolean(), loyalty: z.boolean() }),
});
export type CustomerView = z.infer<typeof CustomerView>;

/** `POST /v1/customers/lookup` `{ phone }`: the org's customer with that phone, if any (a list of zero or one). */
export const CustomerLookupQuery = z.strictObject({ phone: z.string().max(20), storeId: Uuid.optional() });
export type CustomerLookupQuery = z.infer<typeof CustomerLookupQuery>;

/**
 * What a register caches to attach customers offline: every active customer of its org, whole
 * each time, so an erased customer is gone from the till after the next pull. No phone and no
 * full name travel: a till finds a customer by hashing the typed phone (E.164, as
 * `normaliseIndianPhone` gives it) with HMAC-SHA256 under `phoneLookupKey` and comparing digests.
 */
export const CustomerPullResponse = z.object({
  /** This register's lookup key, base64 (32 bytes): derived per register, never the org's own secret. */
  phoneLookupKey: z.base64(),
  customers: z.array(
    z.object({
      customerId: Uuid,
      /** What the till shows: the first name and initials ("Farida K."). */
      displayName: z.string(),
      /** HMAC-SHA256(phoneLookupKey, E.164 phone), base64. */
      phoneDigest: z.base64(),
      /** Points with the register's brand at the pull: what the till may let the customer redeem offline. */
      loyaltyPoints: z.number().int().nonnegative().optional(),
    }),
  ),
  /** The register's brand's loyalty rule at the pull; absent or null when it has none. */
  loyaltyRule: LoyaltyRule.nullable().optional(),
});
export type CustomerPullResponse = z.infer<typeof CustomerPullResponse>;

/** `GET /v1/customers/{customerId}/loyalty?brandId=`: a customer's points with a brand, folded from the account stream. */
export const LoyaltyBalanceView = z.object({
  brandId: Uuid,
  customerId: Uuid,
  points: z.number().int().nonnegative(),
  /** points × the brand's point value now; 0 when the brand has no programme. */
  valuePaise: z.number().int().nonnegative(),
  lots: z.array(z.object({ points: z.number().int().positive(), expiresOn: z.string() })),
});
export type LoyaltyBalanceView = z.infer<typeof LoyaltyBalanceView>;
