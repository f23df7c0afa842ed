import { createHash } from 'node:crypto';
import { commandRoutes, type CommandName } from '@possier/events';
import { uuidv7, type Ledger, type Response } from '@possier/ledger/testing';
import { AT, fillPath } from './attack-requests.js';

export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The ids one org acts with, by name: minted for it, or, for an org that reuses another's, the
 * very ids the other org was given for the same names. Each id is remembered with its name, so
 * an answer can be read with its ids replaced by what they stand for.
 */
export class World {
  private readonly ids = new Map<string, string>();
  private readonly names = new Map<string, string>();
  private readonly owned = new Set<string>();
  ownerToken = '';
  registerToken = '';

  constructor(
    readonly label: string,
    readonly org: string,
    private readonly reusing?: World,
  ) {
    this.names.set(org, 'org');
    this.owned.add(org);
  }

  /** The id of `name`: the reused world's, when there is one. */
  id(name: string): string {
    return this.ids.get(name) ?? this.remember(name, this.reusing ? this.reusing.id(name) : uuidv7());
  }

  /** An id that names a tenant itself (an org): always this world's own, even when reusing. */
  own(name: string): string {
    const known = this.ids.get(name);
    if (known) return known;
    const id = this.remember(name, uuidv7());
    this.owned.add(id);
    return id;
  }

  /** `text` with the ids only this world can hold (its org, the orgs it created) masked. */
  maskOwn(text: string): string {
    return text.replace(UUID, (id) => (this.owned.has(id) ? '<own>' : id));
  }

  /** What `id` stands for in this world, if the world gave it out. */
  nameOf(id: string): string | undefined {
    return this.names.get(id.toLowerCase());
  }

  private remember(name: string, id: string): string {
    this.ids.set(name, id);
    this.names.set(id, name);
    return id;
  }
}

/** The world's tenancy and catalog, and one command's own ids under the command's name. */
export type Ids = {
  org: string;
  owner: string;
  brand: string;
  store: string;
  register: string;
  cashier: string;
  food: string;
  drinks: string;
  cola: string;
  dough: string;
  /** This command's own ids (its order, shift, invoice, customer …), by name. */
  id(name: string): string;
  /** An org id the command creates: never reused, since it names the tenant itself. */
  own(name: string): string;
  /**
   * Hex digits that stand for a name in every org alike: what a phone, an email or an invoice
   * serial is made from, so that they are unique within an org and the same across orgs.
   */
  tag(name: string): string;
};

export const idsOf = (world: World, scope: string): Ids => ({
  org: world.org,
  owner: world.id('tenancy.owner'),
  brand: world.id('tenancy.brand'),
  store: world.id('tenancy.store'),
  register: world.id('tenancy.register'),
  cashier: world.id('tenancy.cashier'),
  food: world.id('tenancy.food'),
  drinks: world.id('tenancy.drinks'),
  cola: world.id('tenancy.cola'),
  dough: world.id('tenancy.dough'),
  id: (name) => world.id(`${scope}.${name}`),
  own: (name) => world.own(`${scope}.${name}`),
  tag: (name) => createHash('sha256').update(`${scope}.${name}`).digest('hex'),
});

/** One request of a command: its route, its data and who sends it (the world's owner, unless an operator). */
export type Step = { name: CommandName; data: Record<string, unknown>; as?: 'operator' };

export const step = (name: CommandName, data: Record<string, unknown>, as?: 'operator'): Step =>
  as ? { name, data, as } : { name, data };

/** A request as sent: where, and the body, so the same one can be sent again, by another org or with other ids. */
export type Sent = { path: string; body: { commandId: string; occurredAt: string; data: Record<string, unknown> } };

export const requestOf = (data: Step, commandId: string): Sent => ({
  path: fillPath(commandRoutes[data.name].path, data.data as Record<string, string>),
  body: { commandId, occurredAt: AT, data: data.data },
});

/**
 * An answer as another org may compare it: status, the replay header and the body, with every id
 * replaced by its name in `names` (ids it does not know read `<uuid>`, such as derived event ids)
 * and global positions left out, since they count every org's events; key material, signatures,
 * Merkle roots and issued tokens with their times read `<key material>`, since each is new every time.
 */
/**
 * What a key rotation, a day's seal or a token issuance answers that is made afresh every time:
 * keys, signatures, roots, the token and when it was issued and expires (the ledger's clock).
 */
const KEY_MATERIAL = new Set([
  'keyId',
  'publicKey',
  'previousKeyId',
  'signature',
  'merkleRoot',
  'token',
  'issuedAt',
  'expiresAt',
]);

export const comparable = (response: Response, names: (id: string) => string | undefined) => ({
  status: response.status,
  replayed: response.headers.get('idempotent-replayed'),
  body: JSON.parse(
    JSON.stringify(response.body, (key, value: unknown) =>
      key === 'globalPosition' ? undefined : KEY_MATERIAL.has(key) && value !== null ? '<key material>' : value,
    ).replace(UUID, (id) => names(id) ?? '<uuid>'),
  ) as unknown,
});

/**
 * The same request with every id in it, path and body, replaced by a fresh one (the same id by
 * the same fresh id each time), and both requests' ids named by their order of appearance.
 */
export const withFreshIds = (
  request: Sent,
): { fresh: Sent; namesOfGiven: Map<string, string>; namesOfFresh: Map<string, string> } => {
  const namesOfGiven = new Map<string, string>();
  const namesOfFresh = new Map<string, string>();
  const text = JSON.stringify(request).replace(UUID, (id) => {
    const name = namesOfGiven.get(id) ?? `$${namesOfGiven.size}`;
    if (!namesOfGiven.has(id)) namesOfGiven.set(id, name);
    const fresh = [...namesOfFresh].find(([, named]) => named === name)?.[0] ?? uuidv7();
    namesOfFresh.set(fresh, name);
    return fresh;
  });
  return { fresh: JSON.parse(text) as Sent, namesOfGiven, namesOfFresh };
};

export const send = (ledger: Ledger, token: string, request: Sent): Promise<Response> =>
  ledger.post(request.path, token, request.body);
