import type { z } from 'zod';
import type { DaySealState } from './audit/day-seal.decider.js';
import type { AuditKeyRotated, DaySeal } from './audit/audit.events.js';
import type { CatalogView } from './catalog/catalog-entry.js';
import type { Decider } from './decider.js';
import type { SealedPii } from './customer/sealed-pii.js';
import type { DomainError } from './errors.js';
import type { LoyaltyAccountState } from './loyalty/loyalty-account.decider.js';
import type { LoyaltyRule } from './loyalty/loyalty.commands.js';
import type { DrawerAnswer } from './shift/shift-drawer.workflow.js';
import type { Action } from './tenancy/actions.js';
import type { Principal } from './tenancy/authorization.js';
import type { ActiveTenancy, TenancyStore } from './tenancy/tenancy.decider.js';

/**
 * What a command acts on, for authorization: the most specific id named is the node the caller
 * must be entitled to. The org is always the caller's; naming another is refused.
 */
export type CommandTarget = {
  orgId?: string | undefined;
  brandId?: string | undefined;
  storeId?: string | undefined;
  registerId?: string | undefined;
};

/**
 * The caller as the host has authorized it. The ledger knows the org's whole tenancy; an offline
 * register knows only its own store (and `tenancy` is undefined there).
 */
export type CommandScope = {
  principal: Principal;
  tenancy: ActiveTenancy | undefined;
  /** The store the command acts in, when it names one. */
  store: Pick<TenancyStore, 'brandId' | 'timeZone' | 'stateCode'> | undefined;
};

/**
 * Facts a decision needs from outside its own stream, asked as queries the host answers: the
 * ledger from the log (and the customer keyring), a register from what it last pulled. The
 * declaration says what to ask; it never says how.
 */
export type ContextQueries = {
  /** The catalog entries of these items as sold in the store (items of another brand are absent). */
  catalog: { brandId: string; storeId: string; itemIds: string[] };
  /** The customer the command names, if the org has one by that id. */
  customer: { customerId: string };
  /** A customer's loyalty account with a brand, and the brand's rule. */
  loyalty: { brandId: string; customerId: string };
  /** The customer's details sealed under their key, and who holds the phone in the lookup. */
  sealedDetails: {
    customerId: string;
    details: { name: string; phone: string; email?: string; gstin?: string };
  };
  /** Today's date where the store is, by the host's clock (`YYYY-MM-DD`). */
  storeToday: { timeZone: string };
  /** The shift whose drawer the command's cash goes through: whether it is open, and where. */
  drawer: { shiftId: string };
  /**
   * The seal of a store's business date, or with `amendment` of its events stored after its last
   * seal (`sealing` says where that ended): their Merkle root, signed with the org's current key.
   * Only the ledger holds the log and the keys; a register refuses.
   */
  daySeal: { storeId: string; businessDate: string; amendment: boolean; sealing: DaySealState };
  /**
   * A new signing key for the caller's org, its public half endorsed by the current key
   * (`previousKeyId`). Only the ledger holds private keys; a register refuses.
   */
  auditKey: { previousKeyId: string | null };
  /**
   * When a token of this kind, signed now, would be issued and expire (the ledger's clock and the
   * kind's lifetime). Only the ledger signs tokens; a register refuses.
   */
  tokenValidity: { kind: 'register' | 'user' };
};

export type ContextAnswers = {
  catalog: CatalogView;
  customer: { customerId: string; status: 'active' | 'forgotten' } | undefined;
  loyalty: { account: LoyaltyAccountState; rule: LoyaltyRule | null };
  sealedDetails: { sealed: SealedPii; phoneOwner: string | null };
  storeToday: string;
  drawer: DrawerAnswer;
  daySeal: DaySeal | DomainError;
  auditKey: AuditKeyRotated['data'] | DomainError;
  tokenValidity: { issuedAt: string; expiresAt: string };
};

export type ContextNeeds = { [Need in keyof ContextQueries]?: ContextQueries[Need] };
export type Context = { [Need in keyof ContextAnswers]?: ContextAnswers[Need] };

/** Who may run a command: an action on a target, or, for the one command that creates an org, an operator. */
export type CommandAuthorization<Data, State> =
  | {
      action: Action;
      /**
       * The target, from the command and what its stream says (an order's store comes from the
       * order, never from the request), or the refusal when the stream is not what the command
       * needs (no such order).
       */
      target: (data: Data, state: State, principal: Principal) => CommandTarget | DomainError;
      /**
       * A stricter action the command needs in some states of its stream: taking a line off a
       * bill the guest has already seen is a manager's call, taking it off before is the cashier's.
       */
      stricter?: { action: Action; when: (data: Data, state: State) => boolean };
    }
  | {
      operator: true;
      /** The org the command creates, whose stream it writes. */
      org: (data: Data) => string;
      /** Who the events are recorded as done by. */
      actor: (data: Data) => string;
    };

type CommandInput<Data, State> = {
  data: Data;
  state: State;
  scope: CommandScope;
  target: CommandTarget;
};

/**
 * One command, declared once: everything the ledger needs to serve it (route, schema, OpenAPI,
 * authorization, the stream, the decision) and a register needs to decide it offline. Both hosts
 * run the same steps: fold `stream(data)` with the decider; authorize `target`; answer `needs`;
 * build the domain `command`; decide.
 */
export type CommandDeclaration<Data, Command extends { type: string }, Event, State> = {
  /** The domain command's type, as the decider knows it. */
  type: Command['type'];
  route: { path: string; summary: string };
  /** The request's `data`, as a schema: validation, the register's requests and OpenAPI all use it. */
  data: z.ZodType<Data>;
  /** The stream the command acts on, named from the command; the org that owns it is the caller's. */
  stream: (data: Data) => string;
  decider: Decider<Command, Event, State>;
  authorization: CommandAuthorization<Data, State>;
  /** The queries the host must answer before the command can be built, or a refusal. */
  needs?: (input: CommandInput<Data, State>) => ContextNeeds | DomainError;
  /** The domain command the decider is given; a refusal here is a rule about the request and its context. */
  command: (input: CommandInput<Data, State> & { context: Context }) => Command | DomainError;
  /**
   * What the route answers, when it is more than the ids of the appended events (a day's seal, a
   * new key): its schema, for the API document, and how it is read from the command's events.
   */
  answer?: { schema: z.ZodType; of: (outcome: CommandAnswerInput) => unknown };
};

/** What a declaration's answer is made from: the command's events as appended (or, retried, as stored then). */
export type CommandAnswerInput = {
  commandId: string;
  streamId: string;
  events: ReadonlyArray<{ eventId: string; type: string; data: unknown }>;
  /** A bearer token the ledger signed for the command's TokenIssued: in the answer only, never stored. */
  token?: string;
};

/**
 * A declaration with its types erased, for the list and the hosts' generic pipelines. Each of its
 * functions is only ever called with what its own schema and decider produced.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- function parameters are contravariant; no other top type fits every declaration
export type AnyCommandDeclaration = CommandDeclaration<any, any, any, any>;

/** Declares a command, with its types inferred from the schema and decider. */
export const declareCommand = <Data, Command extends { type: string }, Event, State>(
  declaration: CommandDeclaration<Data, Command, Event, State>,
): CommandDeclaration<Data, Command, Event, State> => declaration;
