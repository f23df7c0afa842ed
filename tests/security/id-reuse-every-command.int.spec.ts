import {
  auditRoutes,
  BALANCE_REPORTS,
  commandDeclarations,
  commandRoutes,
  reportRoutes,
  type CommandName,
  type ReportName,
} from '@possier/events';
import {
  seedRestaurant,
  startLedger,
  startReadSide,
  uuidv7,
  type Ledger,
  type ReadSide,
  type Response,
  type Restaurant,
} from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../support/database-fingerprint.js';
import { fillPath, saleInVictimStore } from './attack-requests.js';
import { createOrganization, fixtures, tenancySteps, type Fixture } from './id-reuse-fixtures.js';
import {
  comparable,
  idsOf,
  UUID,
  requestOf,
  send,
  withFreshIds,
  World,
  type Sent,
  type Step,
} from './id-reuse-world.js';

/*
 * Identity is (org, id), for every command there is. Org A runs each declared command (and the
 * commands it needs first) on ids of its own; org B then sends the very same requests — every id
 * in path and body, command ids included, only the org being its own — and gets exactly what the
 * same requests with fresh ids get. The fresh ids are sent by B's twin: an org built and driven
 * step for step as B is, so that stream positions and every other fact of the answer line up
 * (B's own second copy would share B's tenancy stream and answer with other positions). A
 * stranger org sends A's requests as they are, and is answered as for ids no one holds.
 * Throughout, org A's events, read models, reports, audit trail and reads stay as they were, and
 * A goes on using its ids.
 */

type Played = { step: Step; request: Sent; response: Response };

const names = Object.keys(commandDeclarations) as CommandName[];

let ledger: Ledger;
let readSide: ReadSide | undefined;
let operator: string;
/** Org A; org B on A's ids; B's twin on ids of its own; and a stranger org that knows A's ids. */
let a: World;
let reused: World;
let fresh: World;
let stranger: Restaurant;
const ours = new Map<CommandName, Played[]>();
let theirTenancy: { reused: Played[]; fresh: Played[] };
let before: { reads: Record<string, unknown>; rows: Record<string, unknown> };

const label = (played: Played) => `${played.step.name} ${JSON.stringify(played.response.body)}`;

const tokenOf = (world: World, step: Step) => (step.as === 'operator' ? operator : world.ownerToken);

/** Sends `steps` as `world`, each with a command id of the world's named after the step. */
const play = async (world: World, scope: string, steps: ReadonlyArray<Step>): Promise<Played[]> => {
  const played: Played[] = [];
  for (const [index, step] of steps.entries()) {
    const request = requestOf(step, world.id(`${scope}.command ${index}`));
    played.push({ step, request, response: await send(ledger, tokenOf(world, step), request) });
  }
  return played;
};

const stepsOf = (fixture: Fixture, world: World, name: CommandName): Step[] => {
  const ids = idsOf(world, name);
  return [...(fixture.given?.(ids) ?? []), fixture.when(ids)];
};

const fixtureOf = (name: string): Fixture => {
  const fixture = (fixtures as Partial<Record<string, Fixture>>)[name];
  if (!fixture) throw new Error(`the declared command ${name} has no fixture in tests/security/id-reuse-fixtures.ts`);
  return fixture;
};

/** Org A's run of the command, which must have been carried out in full. */
const oursOf = (name: CommandName): Played[] => {
  fixtureOf(name);
  const played = ours.get(name) ?? [];
  for (const step of played) expect(step.response.status, `org A: ${label(step)}`).toBe(200);
  return played;
};

const comparableIn = (world: World) => (played: Played) => comparable(played.response, (id) => world.nameOf(id));

/** Creates the world's org, with its owner, and its tenancy and catalog, through the API. */
const build = async (world: World): Promise<Played[]> => {
  const ids = idsOf(world, 'tenancy');
  const created = await play(world, 'organization', [createOrganization(world.org, ids.owner)]);
  world.ownerToken = await ledger.token({ kind: 'user', orgId: world.org, userId: ids.owner });
  const played = [...created, ...(await play(world, 'tenancy', tenancySteps(ids)))];
  world.registerToken = await ledger.token({
    kind: 'register',
    orgId: world.org,
    brandId: ids.brand,
    storeId: ids.store,
    registerId: ids.register,
  });
  return played;
};

/** A sale a register of the world decided offline, replayed under event ids and a batch id named `replay`. */
const replaySale = (world: World) => {
  const ids = idsOf(world, 'tenancy');
  // The seeded restaurants' ids are typed as randomUUID's; these are UUIDv7 strings of the same form.
  const shop = { org: world.org, brand: ids.brand, storeA: ids.store, r1: ids.register, cola: ids.cola };
  const events = saleInVictimStore(shop as Parameters<typeof saleInVictimStore>[0], {
    orderId: world.id('replay.order'),
    eventIds: Array.from({ length: 8 }, (_, index) => world.id(`replay.event ${index}`)),
  });
  return ledger.post(fillPath(commandRoutes.replay.path, { registerId: ids.register }), world.registerToken, {
    registerId: ids.register,
    batchId: world.id('replay.batch'),
    events,
  });
};

/** What org A reads of its store, its day, its order, its customer and its register. */
const readsOf = async (world: World): Promise<Record<string, unknown>> => {
  const ids = idsOf(world, 'tenancy');
  const customerId = world.id('registerCustomer.customer');
  const asOwner = [
    ...(Object.keys(reportRoutes) as ReportName[]).map((name) => {
      const query: Record<string, string> = BALANCE_REPORTS.has(name)
        ? { storeId: ids.store }
        : { storeId: ids.store, from: '2026-11-01', to: '2026-11-30' };
      if (name === 'statement') query.customerId = world.id('issueInvoice.buyer');
      return `${reportRoutes[name].path}?${new URLSearchParams(query)}`;
    }),
    fillPath(auditRoutes.storeDayHistory.path, { storeId: ids.store, businessDate: '2026-11-24' }),
    fillPath(auditRoutes.orderHistory.path, { orderId: world.id('placeOrder.order') }),
    `${fillPath(auditRoutes.registerHistory.path, { registerId: ids.register })}?date=2026-11-24`,
    `${fillPath(auditRoutes.storeExport.path, { storeId: ids.store })}?from=2026-11-24&to=2026-11-25`,
    `/v1/customers/${customerId}`,
    `/v1/customers/${customerId}/loyalty?brandId=${ids.brand}`,
    '/v1/scope',
  ];
  const asRegister = [`/v1/registers/${ids.register}/catalog`, `/v1/registers/${ids.register}/customers`];
  const reads: Record<string, unknown> = {};
  for (const [token, paths] of [
    [world.ownerToken, asOwner],
    [world.registerToken, asRegister],
  ] as const)
    for (const path of paths) {
      const response = await ledger.get(path, token);
      // An export says when it was made; everything else in it must stay as it was.
      const body =
        typeof response.body === 'string'
          ? response.body.replace(/"exportedAt":"[^"]*"/, '"exportedAt":"…"')
          : (response.body as unknown);
      reads[path] = { status: response.status, body };
    }
  return reads;
};

const OWN_TO_EACH_ORG = new Set(['position', 'phoneLookupKey', 'phoneDigest', 'keyId', 'sealedAt']);

/**
 * Reads as another org may compare them, ids by name. Left out: a catalog pull's `position`, a
 * cursor in the one global log that moves with every org's events (as global positions do), a
 * customer pull's phone lookup key and digests (keyed by each org's own secret), a Z report's
 * seals' key (each org's own) and time (the ledger's clock when each was sealed), and the audit
 * trail, where two orgs' events, however alike, differ in when they were stored, where in the
 * log, the hashes over that, and the customers' details sealed under each org's own keys.
 */
const readsComparable = (world: World, reads: Record<string, unknown>): unknown =>
  JSON.parse(
    JSON.stringify(
      Object.fromEntries(Object.entries(reads).filter(([path]) => !path.startsWith('/v1/audit/'))),
      (key, value: unknown) => (OWN_TO_EACH_ORG.has(key) ? undefined : value),
    ).replace(UUID, (id) => world.nameOf(id) ?? '<uuid>'),
  ) as unknown;

/** The org's rows in the log and in every read model; checkpoints move with every org's events. */
const rowsOf = async (orgId: string) => {
  const {
    projector_checkpoints: _projector,
    relay_checkpoints: _relay,
    ...rows
  } = await fingerprint(ledger.store.pool, { orgId });
  return rows;
};

beforeAll(async () => {
  ledger = await startLedger();
  operator = await ledger.token({ kind: 'operator', operatorId: 'test' });
  a = new World('A', uuidv7());
  for (const played of await build(a)) expect(played.response.status, `org A: ${label(played)}`).toBe(200);
  for (const name of names) {
    const fixture = (fixtures as Partial<Record<string, Fixture>>)[name];
    if (fixture) ours.set(name, await play(a, name, stepsOf(fixture, a, name)));
  }
  const replayed = await replaySale(a);
  expect(replayed.status, JSON.stringify(replayed.body)).toBe(200);

  reused = new World('B', uuidv7(), a);
  fresh = new World('B’s twin', uuidv7());
  theirTenancy = { reused: await build(reused), fresh: await build(fresh) };
  stranger = await seedRestaurant(ledger);

  readSide = await startReadSide(ledger);
  await readSide.settle();
  before = { reads: await readsOf(a), rows: await rowsOf(a.org) };
}, 120_000);

afterAll(async () => {
  await readSide?.stop();
  await ledger?.close();
});

describe('identity is (org, id), for every declared command', () => {
  it('has a fixture for every declared command', () => {
    expect(names.filter((name) => !(fixtures as Partial<Record<string, Fixture>>)[name])).toEqual([]);
  });

  it('lets org B create its org with A’s owner id, and its brand, store, register, cashier, tax categories and item under A’s ids, answered as fresh ids are', () => {
    expect(theirTenancy.reused.map(comparableIn(reused))).toEqual(theirTenancy.fresh.map(comparableIn(fresh)));
    for (const played of theirTenancy.reused) expect(played.response.status, label(played)).toBe(200);
  });

  it.each(names)('%s: org B sending A’s requests, every id A sent, is answered as with fresh ids', async (name) => {
    const fixture = fixtureOf(name);
    const mine = oursOf(name);
    const theirs = await play(reused, name, stepsOf(fixture, reused, name));
    const control = await play(fresh, name, stepsOf(fixture, fresh, name));
    // Not vacuous: B sent A's requests, every id but its own org's (and an org it creates) A's.
    expect(reused.maskOwn(JSON.stringify(theirs.map((played) => played.request)))).toBe(
      a.maskOwn(JSON.stringify(mine.map((played) => played.request))),
    );
    expect(theirs.map(comparableIn(reused))).toEqual(control.map(comparableIn(fresh)));
    for (const played of theirs) expect(played.response.status, `org B: ${label(played)}`).toBe(200);
    expect(JSON.stringify(theirs.map((played) => played.response.body))).not.toContain(a.org);
  });

  it.each(names)(
    '%s: a stranger org sending A’s request as it is, is answered as for ids no one holds',
    async (name) => {
      const mine = oursOf(name).at(-1) as Played;
      const { fresh: unheld, namesOfGiven, namesOfFresh } = withFreshIds(mine.request);
      const named = (map: Map<string, string>) => (id: string) =>
        map.get(id) ?? (id === stranger.ids.org ? 'org' : undefined);
      const held = await send(ledger, stranger.ownerToken, mine.request);
      const control = await send(ledger, stranger.ownerToken, unheld);
      expect(comparable(held, named(namesOfGiven)), `${name} with A's ids: ${JSON.stringify(held.body)}`).toEqual(
        comparable(control, named(namesOfFresh)),
      );
    },
  );

  it('stores for B a sale B’s register replays under A’s register, store, order, batch and event ids', async () => {
    const theirs = await replaySale(reused);
    const control = await replaySale(fresh);
    expect(comparable(theirs, (id) => reused.nameOf(id))).toEqual(comparable(control, (id) => fresh.nameOf(id)));
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    const verdicts = (theirs.body as { verdicts: Array<{ eventId: string; verdict: string }> }).verdicts;
    expect(
      verdicts.map((verdict) => verdict.verdict),
      JSON.stringify(theirs.body),
    ).toEqual(verdicts.map(() => 'accepted'));
    expect(verdicts.length).toBeGreaterThan(0);
    const eventIds = verdicts.map((verdict) => verdict.eventId);
    expect(eventIds).toEqual(eventIds.map((_, index) => a.id(`replay.event ${index}`)));
    const { rows } = await ledger.store.pool.query<{ org_id: string; n: number }>(
      'SELECT org_id::text, count(*)::int AS n FROM events WHERE event_id = ANY($1::uuid[]) GROUP BY org_id',
      [eventIds],
    );
    expect(Object.fromEntries(rows.map((row) => [row.org_id, row.n]))).toEqual({
      [a.org]: eventIds.length,
      [reused.org]: eventIds.length,
    });
    expect(JSON.stringify(theirs.body)).not.toContain(a.org);
  });

  it('left org A’s events, read models, reports, audit trail and reads as they were', async () => {
    await readSide?.settle();
    expect(await rowsOf(a.org)).toEqual(before.rows);
    expect(await readsOf(a)).toEqual(before.reads);
    // Not vacuous: A's reads found its sales, its day and its customer.
    const failed = Object.entries(before.reads).filter(([, read]) => (read as { status: number }).status !== 200);
    expect(failed).toEqual([]);
    expect((before.rows as { events?: { rows: number } }).events?.rows).toBeGreaterThan(50);
  });

  it('answers B’s reports and reads of its store, register and customer under A’s ids as its twin’s under fresh ids', async () => {
    const [theirs, control] = [await readsOf(reused), await readsOf(fresh)];
    expect(readsComparable(reused, theirs)).toEqual(readsComparable(fresh, control));
    expect(Object.entries(theirs).filter(([, read]) => (read as { status: number }).status !== 200)).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain(a.org);
  });

  it.each(names)(
    '%s: org A still acts on its ids, and a retry of its command is answered from its own events',
    async (name) => {
      const mine = oursOf(name).at(-1) as Played;
      const retried = await send(ledger, tokenOf(a, mine.step), mine.request);
      expect(retried.status, JSON.stringify(retried.body)).toBe(200);
      expect(retried.body).toEqual(mine.response.body);
      // A command that appended nothing leaves nothing to be replayed from; one that answers more
      // than its events (a seal, a key) always appended one.
      const events = (mine.response.body as { events?: unknown[] }).events;
      if (events === undefined || events.length > 0) expect(retried.headers.get('idempotent-replayed')).toBe('true');
      const then = fixtureOf(name).then;
      if (!then) return;
      const [next] = await play(a, `${name}.then`, [then(idsOf(a, name))]);
      expect(next?.response.status, `org A: ${next ? label(next) : ''}`).toBe(200);
    },
  );
});
