import { commandRoutes } from '@possier/events';
import { createTokenService } from '@possier/ledger';
import { addUser, startReportFixture, uuidv7, type ReportFixture, type Response } from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, type TableFingerprint } from '../support/database-fingerprint.js';
import {
  AT,
  attackedCommandRoutes,
  auditAttacks,
  commandAttacks,
  fillPath,
  reportAttacks,
  saleInVictimStore,
} from './attack-requests.js';
import { intrudersOf, unsigned, withForgedPayload, type Intruder } from './intruders.js';
import { applicationPool, asTenant, tenantTables, visibleOrgs } from './row-level-security.js';
import { victimOf, type Victim } from './victim.js';

/*
 * Org A (the fixture's second org, the intruder) attacks org B (the fixture's first org, with the
 * full report scenario played in it). Both were seeded with the same menu, names and layout, so
 * only ids tell them apart. A leak is any 2xx answer to a request aimed at org B's ids, any answer
 * carrying one of org B's ids to org A, any org B row visible to org A in SQL, or any change to
 * org B's events or rows.
 */

let fixture: ReportFixture;
let victim: Victim;
let victimIds: string[];
let intruders: Intruder[];
let before: Record<string, TableFingerprint>;
const tally = { attempts: 0, leaks: [] as string[], statuses: {} as Record<number, number> };

const isSuccess = (response: Response): boolean => response.status >= 200 && response.status < 300;

type Sent = Response & { sent: string };

/** The victim's ids in an answer that the request did not carry itself. */
const disclosed = (response: Sent): string[] => {
  const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  return victimIds.filter((id) => text.includes(id) && !response.sent.includes(id));
};

const count = (response: Response) => {
  tally.attempts += 1;
  tally.statuses[response.status] = (tally.statuses[response.status] ?? 0) + 1;
};

/**
 * A request aimed at org B: any success is a leak, and so is a refusal that names an org B id
 * the request did not carry (an order's store, an item's brand): it must be a 4xx that says
 * why in the caller's own terms.
 */
const targeted = (label: string, response: Sent): Sent => {
  count(response);
  if (isSuccess(response))
    tally.leaks.push(`${label}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
  else if (disclosed(response).length > 0)
    tally.leaks.push(`${label}: the refusal names ${disclosed(response).join(', ')}`);
  expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBeGreaterThanOrEqual(400);
  expect(response.status, label).toBeLessThan(500);
  expect(disclosed(response), `${label}: ${JSON.stringify(response.body)}`).toEqual([]);
  return response;
};

/** A request within org A's own rights: it may succeed, but must carry nothing of org B. */
const untargeted = (label: string, response: Sent): Sent => {
  count(response);
  if (disclosed(response).length > 0) tally.leaks.push(`${label}: answered with org B ids`);
  expect(response.status, label).toBeLessThan(500);
  expect(disclosed(response), label).toEqual([]);
  return response;
};

const send = async (method: 'GET' | 'POST', path: string, token: string | undefined, body?: unknown): Promise<Sent> => {
  const response =
    method === 'GET' ? await fixture.ledger.get(path, token) : await fixture.ledger.post(path, token, body);
  return { ...response, sent: `${path} ${JSON.stringify(body ?? null)}` };
};

beforeAll(async () => {
  fixture = await startReportFixture();
  victim = await victimOf(fixture.ledger, fixture.shop, fixture.orders.o1);
  victimIds = Object.values(victim).filter((value) => /^[0-9a-f]{8}-/.test(value));
  intruders = await intrudersOf(fixture.ledger, fixture.otherOrg);
  before = await fingerprint(fixture.ledger.store.pool, { orgId: victim.org });
}, 120_000);

afterAll(async () => {
  await fixture?.close();
});

describe('every principal of org A against every route, with org B’s ids (BOLA)', () => {
  it('is refused every command of the contract, whatever its role', async () => {
    for (const [name, route] of attackedCommandRoutes()) {
      const data = commandAttacks[name](victim);
      const body = { commandId: uuidv7(), occurredAt: AT, data };
      // Well-formed, so the refusal is the scope check's and not the validator's.
      expect(route.body.safeParse(body).success, name).toBe(true);
      const path = fillPath(route.path, data as Record<string, string>);
      for (const intruder of intruders) {
        const response = targeted(`${intruder.principal} ${name}`, await send('POST', path, intruder.token, body));
        expect(response.body.error.reason, name).toEqual(expect.any(String));
      }
    }
  });

  it('cannot replay a batch as org B’s register, nor smuggle org B events through its own register', async () => {
    const replayPath = (registerId: string) => fillPath(commandRoutes.replay.path, { registerId });
    for (const intruder of intruders) {
      const events = saleInVictimStore(victim);
      targeted(
        `${intruder.principal} replay as org B's register`,
        await send('POST', replayPath(victim.r1), intruder.token, { registerId: victim.r1, batchId: uuidv7(), events }),
      );
    }
    const ownRegister = fixture.otherOrg.ids.r1;
    const events = saleInVictimStore(victim);
    const response = untargeted(
      'register replays org B events through its own register',
      await send('POST', replayPath(ownRegister), fixture.otherOrg.r1Token, {
        registerId: ownRegister,
        batchId: uuidv7(),
        events,
      }),
    );
    const verdicts = (response.body.verdicts ?? []) as Array<{ verdict: string }>;
    if (verdicts.some((verdict) => verdict.verdict !== 'rejected'))
      tally.leaks.push(`smuggled replay: ${JSON.stringify(verdicts)}`);
    expect(response.status).toBe(200);
    expect(verdicts.map((verdict) => verdict.verdict)).toEqual(events.map(() => 'rejected'));
  });

  it('reads no customer of org B, by id, by register pull or by phone', async () => {
    const { rows } = await fixture.ledger.store.pool.query<{ phone: string }>(
      `SELECT 1 FROM customer_phone_index WHERE org_id = $1`,
      [victim.org],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const intruder of intruders) {
      targeted(
        `${intruder.principal} customer`,
        await send('GET', `/v1/customers/${victim.customerId}`, intruder.token),
      );
      targeted(
        `${intruder.principal} customer loyalty`,
        await send('GET', `/v1/customers/${victim.customerId}/loyalty?brandId=${victim.brand}`, intruder.token),
      );
      targeted(
        `${intruder.principal} customer pull`,
        await send('GET', `/v1/registers/${victim.r1}/customers`, intruder.token),
      );
      const byPhone = untargeted(
        `${intruder.principal} customer by phone`,
        await send('POST', '/v1/customers/lookup', intruder.token, { phone: victim.customerPhone }),
      );
      if (byPhone.status === 200) expect(byPhone.body).toEqual({ customers: [] });
    }
  });

  it('reads no audit history or export of org B', async () => {
    for (const [name, attack] of Object.entries(auditAttacks)) {
      for (const intruder of intruders) {
        const { method, path } = attack(victim);
        targeted(`${intruder.principal} audit ${name}`, await send(method, path, intruder.token));
      }
    }
  });

  it('reads no report of org B’s store, and its own reports, scope and status carry nothing of org B', async () => {
    for (const intruder of intruders) {
      for (const { name, path } of reportAttacks(victim)) {
        targeted(`${intruder.principal} report ${name} of org B`, await send('GET', path, intruder.token));
        const ownPath = path.replace(/storeId=[^&]+&?/, '');
        untargeted(`${intruder.principal} own report ${name}`, await send('GET', ownPath, intruder.token));
      }
      targeted(
        `${intruder.principal} catalog of org B's register`,
        await send('GET', `/v1/registers/${victim.r1}/catalog`, intruder.token),
      );
      untargeted(`${intruder.principal} scope`, await send('GET', '/v1/scope', intruder.token));
      untargeted(`${intruder.principal} ops status`, await send('GET', '/v1/ops/status', intruder.token));
    }
  });
});

describe('tokens that are not what they claim', () => {
  /** What each bad token is tried against: org B's order, report and audit trail, and org A's own scope. */
  const probes = (token: string) => [
    send('POST', `/v1/orders/${victim.orderId}/void`, token, {
      commandId: uuidv7(),
      occurredAt: AT,
      data: { orderId: victim.orderId, reason: 'forged' },
    }),
    send('GET', `/v1/reports/sales?storeId=${victim.storeA}&from=2026-11-24&to=2026-11-25`, token),
    send('GET', `/v1/audit/orders/${victim.orderId}/history`, token),
    send('GET', '/v1/scope', token),
  ];

  it('refuses a token whose claims were edited, one expired, one signed with another key and an unsigned one', async () => {
    const owner = fixture.otherOrg.ownerToken;
    const otherKey = createTokenService('another-signing-key-that-is-long-enough-9876543210', 'possier-ledger');
    const bad = {
      'forged org claim': withForgedPayload(owner, (claims) => ({ ...claims, orgId: victim.org })),
      'forged user claim': withForgedPayload(owner, (claims) => ({
        ...claims,
        orgId: victim.org,
        userId: victim.owner,
      })),
      'forged register scope': withForgedPayload(fixture.otherOrg.r1Token, (claims) => ({
        ...claims,
        orgId: victim.org,
        brandId: victim.brand,
        storeId: victim.storeA,
        registerId: victim.r1,
      })),
      expired: await fixture.ledger.tokens.sign(
        { kind: 'user', orgId: victim.org, userId: victim.owner },
        { expiresIn: '-5 minutes' },
      ),
      'signed with another key': await otherKey.sign({ kind: 'user', orgId: victim.org, userId: victim.owner }),
      'alg none': unsigned(await fixture.ledger.tokens.sign({ kind: 'user', orgId: victim.org, userId: victim.owner })),
    };
    for (const [kind, token] of Object.entries(bad)) {
      for (const response of await Promise.all(probes(token))) {
        targeted(`${kind} token`, response);
        expect(response.status, kind).toBe(401);
        expect(response.body.error.code).toBe('AUTH.UNAUTHENTICATED');
      }
    }
  });

  it('ignores a scope or role claim the token was signed with: roles come from the org, not the token', async () => {
    const analyst = intruders.find((intruder) => intruder.principal === 'analyst') as Intruder;
    const { userId } = JSON.parse(Buffer.from(analyst.token.split('.')[1] as string, 'base64url').toString()) as {
      userId: string;
    };
    const inflated = await fixture.ledger.tokens.sign({
      kind: 'user',
      orgId: fixture.otherOrg.ids.org,
      userId,
      role: 'owner',
      roles: ['owner'],
      scope: { level: 'org', orgId: victim.org },
    } as never);
    for (const response of await Promise.all(probes(inflated).slice(0, 3))) targeted('inflated claims', response);
    targeted(
      'inflated claims create a brand in its own org',
      await send('POST', '/v1/brands', inflated, {
        commandId: uuidv7(),
        occurredAt: AT,
        data: { orgId: fixture.otherOrg.ids.org, brandId: uuidv7(), name: 'Escalated' },
      }),
    );
  });

  it('refuses the tokens of a user and a register their org deactivated, on every route, before reading a body', async () => {
    const own = fixture.otherOrg;
    const registerId = uuidv7();
    const created = await send('POST', '/v1/registers', own.ownerToken, {
      commandId: uuidv7(),
      occurredAt: AT,
      data: { orgId: own.ids.org, registerId, storeId: own.ids.storeA, name: 'Till lost' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const register = await fixture.ledger.token({
      kind: 'register',
      orgId: own.ids.org,
      brandId: own.ids.brand,
      storeId: own.ids.storeA,
      registerId,
    });
    const user = await addUser(fixture.ledger, own, 'Leaver', [
      { role: 'store_manager', scope: { level: 'store', storeId: own.ids.storeA } },
    ]);
    const deactivate = (path: string, data: Record<string, string>) =>
      send('POST', path, own.ownerToken, { commandId: uuidv7(), occurredAt: AT, data: { ...data, reason: 'left' } });
    expect(
      (await deactivate(`/v1/registers/${registerId}/deactivate`, { orgId: own.ids.org, registerId })).status,
    ).toBe(200);
    expect(
      (await deactivate(`/v1/users/${user.userId}/deactivate`, { orgId: own.ids.org, userId: user.userId })).status,
    ).toBe(200);

    const ownProbes = (token: string) => [
      send('GET', `/v1/registers/${registerId}/catalog`, token),
      send('POST', `/v1/registers/${registerId}/replay`, token, { registerId, batchId: uuidv7(), events: [] }),
      send('GET', `/v1/reports/stock?storeId=${own.ids.storeA}`, token),
      send('POST', '/v1/orders', token, { commandId: 'not even a command' }),
    ];
    for (const [kind, token] of Object.entries({ 'deactivated register': register, 'deactivated user': user.token })) {
      for (const response of await Promise.all([...probes(token), ...ownProbes(token)])) {
        targeted(`${kind} token`, response);
        expect(response.status, kind).toBe(401);
        expect(response.body.error.code).toBe('AUTH.PRINCIPAL_DEACTIVATED');
      }
    }
  });

  it("cannot deactivate org B's users or registers by naming them in its own org: they answer as ids never used", async () => {
    const own = fixture.otherOrg.ids.org;
    const attempts = [
      ['deactivateUser', { userId: victim.owner }, { userId: uuidv7() }],
      ['deactivateUser', { userId: victim.cashierA }, { userId: uuidv7() }],
      ['deactivateRegister', { registerId: victim.r1 }, { registerId: uuidv7() }],
    ] as const;
    for (const [name, theirs, unused] of attempts) {
      const answer = async (ids: Record<string, string>) => {
        const data = { orgId: own, ...ids, reason: 'locked out' };
        const path = fillPath(commandRoutes[name].path, data);
        return send('POST', path, fixture.otherOrg.ownerToken, { commandId: uuidv7(), occurredAt: AT, data });
      };
      const aimed = targeted(`owner ${name} of org B's principal in its own org`, await answer(theirs));
      const never = await answer(unused);
      expect({ status: aimed.status, code: aimed.body.error.code }).toEqual({
        status: never.status,
        code: never.body.error.code,
      });
    }
  });

  it('refuses a register token issued for another store, in its own org or in org B', async () => {
    const own = fixture.otherOrg.ids;
    const wrongStore = await fixture.ledger.token({
      kind: 'register',
      orgId: own.org,
      brandId: own.brand,
      storeId: own.storeB,
      registerId: own.r1,
    });
    const victimStore = await fixture.ledger.token({
      kind: 'register',
      orgId: victim.org,
      brandId: victim.brand,
      storeId: victim.storeA,
      registerId: own.r1,
    });
    const sale = (storeId: string, itemId: string) => ({
      commandId: uuidv7(),
      occurredAt: AT,
      data: {
        orderId: uuidv7(),
        storeId,
        channel: 'dine_in',
        lines: [{ lineId: uuidv7(), itemId, quantity: 1 }],
        tenders: [{ paymentId: uuidv7(), kind: 'cash', amountPaise: 6_000 }],
      },
    });
    targeted(
      'register token for its org’s other store sells there',
      await send('POST', '/v1/orders', wrongStore, sale(own.storeB, own.cola)),
    );
    targeted(
      'register token for org B’s store sells there',
      await send('POST', '/v1/orders', victimStore, sale(victim.storeA, victim.cola)),
    );
    targeted(
      'register token for org B’s store pulls a catalog',
      await send('GET', `/v1/registers/${own.r1}/catalog`, victimStore),
    );
    targeted(
      'register token for org B’s store replays',
      await send('POST', `/v1/registers/${own.r1}/replay`, victimStore, {
        registerId: own.r1,
        batchId: uuidv7(),
        events: saleInVictimStore(victim),
      }),
    );
  });
});

describe('row-level security, at the SQL level, as the application role', () => {
  it('shows org A none of org B’s rows in any tenant table, for a query with no WHERE', async () => {
    const app = applicationPool(fixture.ledger.databaseUrl);
    try {
      const tables = await tenantTables(fixture.ledger.store.pool);
      const seen = await asTenant(app, fixture.otherOrg.ids.org, (client) => visibleOrgs(client, tables));
      for (const table of tables) {
        tally.attempts += 1;
        if (seen[table]?.[victim.org]) tally.leaks.push(`SQL ${table}: ${seen[table]?.[victim.org]} org B rows`);
        expect(
          Object.keys(seen[table] ?? {}).filter((org) => org !== fixture.otherOrg.ids.org),
          table,
        ).toEqual([]);
      }
      // Not vacuous: org A does see its own projected rows.
      expect(seen.rm_stores?.[fixture.otherOrg.ids.org]).toBe(2);
      // Nor can it write into org B: moving its own rows to org B's id breaks the policy's WITH CHECK.
      tally.attempts += 1;
      await expect(
        asTenant(app, fixture.otherOrg.ids.org, (client) =>
          client.query('UPDATE rm_stores SET org_id = $1', [victim.org]),
        ),
      ).rejects.toThrow(/row-level security/);
      const deleted = await asTenant(
        app,
        fixture.otherOrg.ids.org,
        (client) => client.query('DELETE FROM rm_stores'),
        'ROLLBACK',
      );
      tally.attempts += 1;
      expect(deleted.rowCount).toBe(2);
    } finally {
      await app.end();
    }
  });

  it('fails closed: with no org set, every tenant table is empty', async () => {
    const app = applicationPool(fixture.ledger.databaseUrl);
    try {
      const tables = await tenantTables(fixture.ledger.store.pool);
      const seen = await visibleOrgs(app, tables);
      for (const table of tables) {
        tally.attempts += 1;
        if (Object.keys(seen[table] ?? {}).length > 0) tally.leaks.push(`SQL ${table} with no org set`);
        expect(seen[table], table).toEqual({});
      }
    } finally {
      await app.end();
    }
  });

  it('leaks nothing through a pooled connection used for org A and then with no tenant', async () => {
    const app = applicationPool(fixture.ledger.databaseUrl, 1);
    try {
      const tables = await tenantTables(fixture.ledger.store.pool);
      for (const end of ['COMMIT', 'ROLLBACK'] as const) {
        const backend = await asTenant(
          app,
          fixture.otherOrg.ids.org,
          async (client) => (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid,
          end,
        );
        const { rows } = await app.query<{ pid: number; tenant: string | null }>(
          `SELECT pg_backend_pid() AS pid, nullif(current_setting('app.org_id', true), '') AS tenant`,
        );
        expect(rows[0]?.pid, 'the pool handed back the same connection').toBe(backend);
        expect(rows[0]?.tenant).toBeNull();
        const seen = await visibleOrgs(app, tables);
        for (const table of tables) {
          tally.attempts += 1;
          if (Object.keys(seen[table] ?? {}).length > 0) tally.leaks.push(`pooled ${table} after ${end}`);
          expect(seen[table], `${table} after ${end}`).toEqual({});
        }
      }
    } finally {
      await app.end();
    }
  });

  it('runs as a role that is neither superuser nor BYPASSRLS, with FORCE ROW LEVEL SECURITY asserted by the migration', async () => {
    const admin = fixture.ledger.store.pool;
    const { rows: role } = await admin.query(
      `SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'possier_app'`,
    );
    expect(role).toEqual([{ rolsuper: false, rolbypassrls: false }]);
    const { rows: applied } = await admin.query(
      `SELECT migration_name FROM _prisma_migrations WHERE migration_name LIKE '%\\_assert\\_rls' AND finished_at IS NOT NULL`,
    );
    expect(applied).toHaveLength(1);
    await admin.query('SELECT assert_tenant_isolation()');

    // The assertion bites: a tenant table without FORCE, or a new one without RLS, is named.
    const client = await admin.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE rm_stores NO FORCE ROW LEVEL SECURITY');
      await client.query('CREATE TABLE rm_forgotten (org_id uuid NOT NULL)');
      await expect(client.query('SELECT assert_tenant_isolation()')).rejects.toThrow(
        /without FORCE ROW LEVEL SECURITY: .*rm_forgotten.*rm_stores/,
      );
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

describe('after every attack', () => {
  it('left org B’s events and rows byte for byte as they were', async () => {
    const after = await fingerprint(fixture.ledger.store.pool, { orgId: victim.org });
    for (const [table, print] of Object.entries(before)) {
      tally.attempts += 1;
      if (after[table]?.md5 !== print.md5) tally.leaks.push(`org B rows of ${table} changed`);
    }
    expect(after).toEqual(before);
    expect(before.events?.rows).toBeGreaterThan(0);
    process.stdout.write(`security: attempts=${tally.attempts}, leaks=${tally.leaks.length}\n`);
    process.stdout.write(`security: HTTP answers by status ${JSON.stringify(tally.statuses)}\n`);
    expect(tally.leaks).toEqual([]);
  });
});
