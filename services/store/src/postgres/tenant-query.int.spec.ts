import { createTestDatabase, type TestDatabase } from '@possier/prisma';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineParameters, tenantQuery } from './tenant-query.js';

let database: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase('possier_tenant_query');
  // One connection, so the statement after a tenant query runs on the connection that ran it.
  pool = new pg.Pool({ connectionString: database.url, max: 1 });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const ORG = '0193a7a0-0000-7000-8000-000000000001';
const hostile = [`order-'; DROP TABLE events; --`, 'back\\slash "quoted" {braced,comma}', 'NULL', '', 'ಮಸಾಲೆ दोसा'];

describe('tenantQuery', () => {
  it('passes every parameter through as the value it was, whatever quotes, backslashes or braces it holds', async () => {
    for (const text of hostile) {
      const [row] = await tenantQuery<{ text: string; texts: string[]; position: string; positions: string[] }>(
        pool,
        ORG,
        'SELECT $1::text AS text, $2::text[] AS texts, $3::bigint AS position, $4::bigint[] AS positions',
        [text, [text, 'second'], -1, [0, 9_007_199_254_740_991]],
      );
      expect(row).toEqual({ text, texts: [text, 'second'], position: '-1', positions: ['0', '9007199254740991'] });
    }
    expect((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows).toEqual([{ n: 0 }]);
  });

  it('runs as possier_app with the tenant set, and leaves neither set after the statement', async () => {
    const [inside] = await tenantQuery<{ role: string; tenant: string }>(
      pool,
      ORG,
      `SELECT current_user AS role, current_setting('app.org_id') AS tenant`,
    );
    expect(inside).toEqual({ role: 'possier_app', tenant: ORG });
    const { rows: after } = await pool.query<{ connecting: boolean; tenant: string | null }>(
      `SELECT current_user = session_user AS connecting, nullif(current_setting('app.org_id', true), '') AS tenant`,
    );
    expect(after).toEqual([{ connecting: true, tenant: null }]);
  });

  it('refuses a parameter it cannot write as a literal, naming it', () => {
    expect(() => inlineParameters('SELECT $1', [Number.NaN])).toThrow(
      'a query parameter must be a finite number, not NaN',
    );
    expect(() => inlineParameters('SELECT $2', ['only one'])).toThrow('query parameter $2 has no value');
    expect(() => inlineParameters('SELECT $1', [{}])).toThrow(/must be a string, number, bigint, array or null/);
  });
});
