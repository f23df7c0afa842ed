import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { commandRoutes } from '@possier/events';
import { startLedger, uuidv7, type Ledger } from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AT, fillPath } from './attack-requests.js';

/*
 * Invariant 12: no body is parsed before its caller is authenticated, and a body's size and depth
 * are bounded while it is read, not after. Each upload below goes out in slices, and after every
 * slice the client asks /health/live, so "answered while still uploading" is judged by bytes sent,
 * never by a clock: a server that reads the whole body first answers only after the last slice.
 */

const FIVE_MB = 5_000_000;
const SLICE = 64 * 1024;
const LIMITS = { commands: 3, replays: 2, windowSeconds: 600 };

let ledger: Ledger;

type Upload = { status: number; headers: Record<string, string>; body: unknown; sentWhenAnswered: number };

const registerClaims = () =>
  ({
    kind: 'register',
    orgId: randomUUID(),
    brandId: randomUUID(),
    storeId: randomUUID(),
    registerId: randomUUID(),
  }) as const;

const live = async (): Promise<number> => (await fetch(`${ledger.url}/health/live`)).status;

/**
 * POSTs `body` over a raw socket one slice at a time, asking /health/live between slices, and
 * stops sending once an answer has come. Resolves with the answer and how many body bytes had
 * gone out when it came.
 */
const uploadOnce = (path: string, token: string | undefined, body: Buffer): Promise<Upload> =>
  new Promise((resolve, reject) => {
    const { port } = new URL(ledger.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = Buffer.alloc(0);
    let sent = 0;
    let answer: Upload | undefined;
    let sentWhenAnswerBegan: number | undefined;
    const readAnswer = (): Upload | undefined => {
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      const [statusLine = '', ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      const length = Number(headers['content-length'] ?? 0);
      if (received.length < end + 4 + length) return undefined;
      const text = received.subarray(end + 4, end + 4 + length).toString('utf8');
      return {
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: JSON.parse(text) as unknown,
        sentWhenAnswered: sentWhenAnswerBegan ?? sent,
      };
    };
    socket.on('data', (data: Buffer) => {
      sentWhenAnswerBegan ??= sent;
      received = Buffer.concat([received, data]);
      answer ??= readAnswer();
      if (answer) {
        socket.destroy();
        resolve(answer);
      }
    });
    // The server may close the connection on an unread body; the answer has been read by then.
    socket.on('error', (error) => (answer ? undefined : reject(error)));
    socket.on('close', () => (answer ? undefined : reject(new Error(`closed without an answer after ${sent} bytes`))));
    const head = [
      `POST ${path} HTTP/1.1`,
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      `Content-Length: ${body.length}`,
      ...(token ? [`Authorization: Bearer ${token}`] : []),
      '',
      '',
    ].join('\r\n');
    const sendSlices = async () => {
      await new Promise<void>((done) => socket.write(head, () => done()));
      while (sent < body.length && answer === undefined && sentWhenAnswerBegan === undefined && !socket.destroyed) {
        const slice = body.subarray(sent, sent + SLICE);
        await new Promise<void>((done, fail) => socket.write(slice, (error) => (error ? fail(error) : done())));
        sent += slice.length;
        expect(await live()).toBe(200);
      }
    };
    sendSlices().catch((error: unknown) => (answer ? undefined : reject(error as Error)));
  });

/** The connection was reset before its answer could be read. */
const RESET = new Set(['EPIPE', 'ECONNRESET']);

/**
 * `uploadOnce`, tried again on a fresh connection when the server's close reset it before the
 * answer was read: a server that stops reading an unread body closes the connection, and TCP may
 * then discard the answer still in flight to a client that kept writing (a race a loaded machine
 * hits now and then). The answer itself, when it is read, is what each test judges.
 */
const uploadInSlices = async (path: string, token: string | undefined, body: Buffer): Promise<Upload> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await uploadOnce(path, token, body);
    } catch (error) {
      const reset =
        RESET.has((error as NodeJS.ErrnoException).code ?? '') ||
        (error as Error).message.startsWith('closed without an answer');
      if (attempt >= 3 || !reset) throw error;
    }
  }
};

const nested = Buffer.alloc(FIVE_MB, '[');
const placeOrder = fillPath(commandRoutes.placeOrder.path, {});

beforeAll(async () => {
  ledger = await startLedger({ rateLimits: LIMITS });
}, 120_000);

afterAll(async () => {
  await ledger?.close();
});

describe('a body is never parsed before its caller is authenticated', () => {
  it('answers four unauthenticated 5 MB nested bodies 401 while they are still uploading', async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, () => uploadInSlices(placeOrder, undefined, nested)));
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error: { code: 'AUTH.UNAUTHENTICATED', path: '' } });
      expect(answer.sentWhenAnswered).toBeLessThan(FIVE_MB);
    }
    expect(await live()).toBe(200);
  }, 60_000);

  it('answers an unknown route 404 while its body is still uploading', async () => {
    const answer = await uploadInSlices('/v1/no-such-route', undefined, nested);
    expect(answer.status).toBe(404);
    expect(answer.sentWhenAnswered).toBeLessThan(FIVE_MB);
  }, 60_000);
});

describe('a body is bounded while it is read', () => {
  it('refuses an authenticated body nested past 32 levels as it arrives, naming the rule', async () => {
    const claims = registerClaims();
    const token = await ledger.token(claims);
    // The replay takes 5 MB (a command 1 MiB), so only the depth can refuse this one early.
    const replay = fillPath(commandRoutes.replay.path, { registerId: claims.registerId });
    const answer = await uploadInSlices(replay, token, nested);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: { code: 'REQUEST.TOO_DEEP', path: '', reason: expect.stringContaining('deeper than 32 levels') },
    });
    expect(answer.sentWhenAnswered).toBeLessThan(FIVE_MB);
  }, 60_000);

  it('accepts nesting up to 32 levels: the refusal is then the contract, not the depth', async () => {
    const token = await ledger.token(registerClaims());
    const deepest = `{"commandId":"${uuidv7()}","occurredAt":"${AT}","data":${'['.repeat(31)}${']'.repeat(31)}}`;
    const response = await fetch(`${ledger.url}${placeOrder}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: deepest,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('VALIDATION.INVALID');
  });

  it('refuses a command body over 1 MiB with 413, and takes a larger replay batch to its schema', async () => {
    const claims = registerClaims();
    const token = await ledger.token(claims);
    const padding = 'x'.repeat(1_500_000);
    const command = await ledger.post(placeOrder, token, { commandId: uuidv7(), occurredAt: AT, data: {}, padding });
    expect(command.status).toBe(413);
    expect(command.body.error).toMatchObject({ code: 'REQUEST.TOO_LARGE', path: '' });
    expect(command.body.error.reason).toContain(String(1024 * 1024));

    const replayPath = fillPath(commandRoutes.replay.path, { registerId: claims.registerId });
    const batch = await ledger.post(replayPath, token, { registerId: claims.registerId, batchId: uuidv7(), padding });
    expect(batch.status).toBe(400);
    expect(batch.body.error.code).toBe('VALIDATION.INVALID');
  });
});

describe('each principal has its own rate limit', () => {
  it('answers 429 with Retry-After once a principal has spent its commands, and serves another principal', async () => {
    const token = await ledger.token(registerClaims());
    const send = (as: string) => ledger.post(placeOrder, as, { commandId: uuidv7(), occurredAt: AT, data: {} });
    for (let index = 0; index < LIMITS.commands; index += 1) expect((await send(token)).status).toBe(400);
    const refused = await send(token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(LIMITS.windowSeconds);
    expect(refused.body.error).toMatchObject({
      code: 'REQUEST.RATE_LIMITED',
      reason: expect.stringContaining(`at most ${LIMITS.commands} commands`),
    });
    expect((await send(await ledger.token(registerClaims()))).status).toBe(400);
  });

  it('counts replayed batches on their own limit', async () => {
    const claims = registerClaims();
    const token = await ledger.token(claims);
    const path = fillPath(commandRoutes.replay.path, { registerId: claims.registerId });
    const replay = () => ledger.post(path, token, { registerId: claims.registerId, batchId: uuidv7(), events: [] });
    for (let index = 0; index < LIMITS.replays; index += 1) expect((await replay()).status).toBe(400);
    const refused = await replay();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.error.code).toBe('REQUEST.RATE_LIMITED');
  });
});
