import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedger, type Ledger } from '../testing/ledger-harness.js';

/*
 * Invariant 9 for every status the ledger answers, including those no route handler chooses:
 * the framework's refusals and the bugs. Each answer is `{ error: { code, path, reason } }` and
 * nothing else of Fastify's or Nest's own shapes (`statusCode`, `message`).
 */

let ledger: Ledger;

type Answer = { status: number; headers: Headers; text: string; body: unknown };

const send = async (method: string, path: string, init: { token?: string; type?: string; body?: string } = {}) => {
  const response = await fetch(`${ledger.url}${path}`, {
    method,
    headers: {
      ...(init.type === undefined ? {} : { 'content-type': init.type }),
      ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
    },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as unknown };
};

/** Asserts the one shape: JSON, a single `error` (beside `errors` for a malformed request) with three strings. */
const expectErrorShape = (
  answer: Answer,
  status: number,
  code: string,
): { code: string; path: string; reason: string } => {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(answer.body as object).filter((key) => key !== 'errors')).toEqual(['error']);
  const error = (answer.body as { error: Record<string, unknown> }).error;
  expect(Object.keys(error).sort()).toEqual(['code', 'path', 'reason']);
  expect(error).toMatchObject({ code, path: expect.any(String), reason: expect.any(String) });
  return error as { code: string; path: string; reason: string };
};

/**
 * Sends the head of a POST declaring `declared` bytes and only the first of them, then waits for
 * the answer: one refused on its declared size comes before the rest would have been sent.
 */
const declareBody = (path: string, token: string, declared: number): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const { port } = new URL(ledger.url);
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: Number(port),
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', 'content-length': declared, authorization: `Bearer ${token}` },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers))
            if (typeof value === 'string') headers.set(name, value);
          request.destroy();
          resolve({ status: response.statusCode ?? 0, headers, text, body: JSON.parse(text) as unknown });
        });
      },
    );
    request.on('error', reject);
    request.write('{"commandId":');
  });

/** A principal of its own for each case, so one case's requests never count against another's rate limit. */
const operatorToken = () => ledger.token({ kind: 'operator', operatorId: `errors-${randomUUID()}` });

beforeAll(async () => {
  ledger = await startLedger({ rateLimits: { commands: 2, replays: 2, windowSeconds: 600 } });
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

describe('an unknown route or method', () => {
  it('answers a path no route serves 404 ROUTE.NOT_FOUND naming the method and path, never the query', async () => {
    const root = expectErrorShape(await send('GET', '/'), 404, 'ROUTE.NOT_FOUND');
    expect(root.reason).toBe('no route serves GET /');
    const deep = expectErrorShape(await send('POST', '/v1/no-such-thing?token=secret'), 404, 'ROUTE.NOT_FOUND');
    expect(deep.reason).toBe('no route serves POST /v1/no-such-thing');
    expect(deep.reason).not.toContain('secret');
  });

  it('answers a method the path does not take 405 ROUTE.METHOD_NOT_ALLOWED, with the methods it takes in Allow', async () => {
    const order = await send('GET', '/v1/orders');
    expect(expectErrorShape(order, 405, 'ROUTE.METHOD_NOT_ALLOWED').reason).toBe('/v1/orders takes POST, not GET');
    expect(order.headers.get('allow')).toBe('POST');
    const report = await send('DELETE', '/v1/reports/sales');
    expectErrorShape(report, 405, 'ROUTE.METHOD_NOT_ALLOWED');
    expect(report.headers.get('allow')).toBe('GET, HEAD');
    // Path parameters match as the route's do: a void of any order id takes POST.
    expect((await send('PUT', `/v1/orders/${randomUUID()}/void`)).headers.get('allow')).toBe('POST');
  });

  it('answers a file the dashboard does not have 404 ROUTE.NOT_FOUND, though a route took the request', async () => {
    const dashboardDir = await mkdtemp(join(tmpdir(), 'possier-errors-dashboard-'));
    await writeFile(join(dashboardDir, 'index.html'), '<!doctype html><title>Possier</title>');
    const withDashboard = await startLedger({ beside: ledger, dashboardDir });
    try {
      const response = await fetch(`${withDashboard.url}/dashboard/assets/missing.js`);
      const text = await response.text();
      const answer = { status: response.status, headers: response.headers, text, body: JSON.parse(text) as unknown };
      expect(expectErrorShape(answer, 404, 'ROUTE.NOT_FOUND').reason).toBe(
        'no route serves GET /dashboard/assets/missing.js',
      );
    } finally {
      await withDashboard.close();
      await rm(dashboardDir, { recursive: true, force: true });
    }
  });

  it('answers a URL that does not decode 400 REQUEST.BAD_URL', async () => {
    expectErrorShape(await send('GET', '/v1/customers/%E0%A4%A'), 400, 'REQUEST.BAD_URL');
  });

  it('answers a request without a token 401 in the same shape', async () => {
    expectErrorShape(await send('GET', '/v1/scope'), 401, 'AUTH.UNAUTHENTICATED');
  });
});

describe('a body the ledger will not read', () => {
  it('answers text that is not JSON 400 VALIDATION.MALFORMED_BODY', async () => {
    const answer = await send('POST', '/v1/organizations', {
      token: await operatorToken(),
      type: 'application/json',
      body: '{"commandId": "0199',
    });
    expectErrorShape(answer, 400, 'VALIDATION.MALFORMED_BODY');
  });

  it('answers a body over the limit 413 REQUEST.TOO_LARGE before it is sent', async () => {
    const answer = await declareBody('/v1/organizations', await operatorToken(), 2 * 1024 * 1024);
    expect(expectErrorShape(answer, 413, 'REQUEST.TOO_LARGE').reason).toBe('the body is larger than 1048576 bytes');
  });

  it('answers a body that is not JSON 415 REQUEST.UNSUPPORTED_MEDIA_TYPE', async () => {
    const answer = await send('POST', '/v1/organizations', {
      token: await operatorToken(),
      type: 'text/plain',
      body: 'commandId=1',
    });
    expectErrorShape(answer, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a principal over its rate limit 429 REQUEST.RATE_LIMITED with Retry-After', async () => {
    const token = await operatorToken();
    const attempt = () => send('POST', '/v1/organizations', { token, type: 'application/json', body: '{}' });
    expect((await attempt()).status).toBe(400);
    expect((await attempt()).status).toBe(400);
    const limited = await attempt();
    expectErrorShape(limited, 429, 'REQUEST.RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('a bug', () => {
  it('answers 500 INTERNAL, saying nothing of the error, and keeps serving', async () => {
    // A database that lost a table under the ledger: a failure no route refuses, so a bug's path.
    const admin = new pg.Client({ connectionString: ledger.databaseUrl });
    await admin.connect();
    const token = await operatorToken();
    try {
      expect((await send('GET', '/v1/ops/status', { token })).status).toBe(200);
      await admin.query('ALTER TABLE relay_checkpoints RENAME TO relay_checkpoints_away');
      const answer = await send('GET', '/v1/ops/status', { token });
      expect(expectErrorShape(answer, 500, 'INTERNAL')).toEqual({
        code: 'INTERNAL',
        path: '',
        reason: 'an unexpected error; see the server log',
      });
      expect(answer.text).not.toMatch(/relay_checkpoints|\bat \w|\.ts:\d|\.js:\d|stack/);
    } finally {
      await admin.query('ALTER TABLE IF EXISTS relay_checkpoints_away RENAME TO relay_checkpoints');
      await admin.end();
    }
    expect((await send('GET', '/v1/ops/status', { token })).status).toBe(200);
  });
});
