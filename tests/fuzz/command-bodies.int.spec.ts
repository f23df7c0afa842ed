import { commandRoutes, ReplayRequest } from '@possier/events';
import { startReportFixture, uuidv7, type ReportFixture } from '@possier/ledger/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AT, commandAttacks, fillPath, saleInVictimStore } from '../security/attack-requests.js';
import { victimOf, type Victim } from '../security/victim.js';
import { fingerprint, type TableFingerprint } from '../support/database-fingerprint.js';
import { mutationOf, type Mutation } from './body-mutation.js';
import { mustBeRefused, namesTheField } from './refusal.js';

/** Fixed, so a failure replays exactly; printed with the summary. */
const SEED = 20_261_124;
/** Sized so the whole property stays well under a minute on two cores. */
const RUNS = 1_000;
/** The ledger refuses bodies nested deeper than this (services/ledger README, "Limits"). */
const MAX_DEPTH = 32;

let fixture: ReportFixture;
let own: Victim;
let before: Record<string, TableFingerprint>;
const tally = { cases: 0, unknownFields: 0, reusedIds: 0, serverErrors: [] as string[] };

type ErrorDetail = { code: string; path: string; reason: string };
type Answer = { status: number; body: { error: ErrorDetail; errors?: ErrorDetail[] } };

/** Posts raw text, as a hostile client would; a hang fails the case instead of the suite. */
const postText = async (path: string, token: string, text: string): Promise<Answer> => {
  const response = await fetch(`${fixture.ledger.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: text,
    signal: AbortSignal.timeout(20_000),
  });
  const raw = await response.text();
  let body: unknown = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    // left as text: the assertions below then fail and show it
  }
  return { status: response.status, body: body as Answer['body'] };
};

/** Every command of the contract, and the replay endpoint, with a valid body and who may send it. */
const targets = () => {
  const commands = (Object.keys(commandAttacks) as Array<keyof typeof commandAttacks>).map((name) => {
    const data = commandAttacks[name](own);
    return {
      name: name as string,
      schema: commandRoutes[name].body,
      path: fillPath(commandRoutes[name].path, data as Record<string, string>),
      token: fixture.shop.ownerToken,
      body: { commandId: uuidv7(), occurredAt: AT, data } as unknown,
    };
  });
  const replay = {
    name: 'replay',
    schema: ReplayRequest,
    path: fillPath(commandRoutes.replay.path, { registerId: own.r1 }),
    token: fixture.shop.r1Token,
    body: { registerId: own.r1, batchId: uuidv7(), events: saleInVictimStore(own) } as unknown,
  };
  return [...commands, replay];
};

const judge = (label: string, answer: Answer, mutation: Mutation) => {
  tally.cases += 1;
  if (answer.status >= 500) tally.serverErrors.push(`${label}: ${answer.status} ${JSON.stringify(answer.body)}`);
  expect(answer.status, `${label}: ${JSON.stringify(answer.body).slice(0, 500)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, label).toBeLessThan(500);
  expect(answer.body.error, label).toMatchObject({ code: expect.any(String), path: expect.any(String) });
  expect(answer.body.error.reason.length, label).toBeGreaterThan(0);
  expect(namesTheField(answer.body, mutation), `${label}: ${JSON.stringify(answer.body).slice(0, 500)}`).toBe(true);
  if (mutation.kind === 'add') {
    // An unknown member is named itself, never dropped or blamed on the object that holds it.
    tally.unknownFields += 1;
    const paths = (answer.body.errors ?? [answer.body.error]).map((error) => error.path);
    expect(paths, `${label}: ${JSON.stringify(answer.body).slice(0, 500)}`).toContain(mutation.path);
  }
};

beforeAll(async () => {
  fixture = await startReportFixture();
  own = await victimOf(fixture.ledger, fixture.shop, fixture.orders.o1);
  before = await fingerprint(fixture.ledger.store.pool);
}, 120_000);

afterAll(async () => {
  await fixture?.close();
});

describe('malformed and hostile bodies for every command and the replay endpoint', () => {
  it('are each refused with a 4xx naming the field and the reason, never a 5xx or a hang', async () => {
    const all = targets();
    // A replayed event's `data` is open-ended in the batch schema and judged per event (below).
    const skip = (path: Array<string | number>) => path[0] === 'events' && path[2] === 'data';
    const byName = new Map(all.map((target) => [target.name, target]));
    // Cases carry the route's name, not its schema and token, so a counterexample prints short.
    const cases = fc.oneof(
      ...all.map((target) =>
        mutationOf(target.body, target.name === 'replay' ? skip : undefined).map((mutation) => ({
          route: target.name,
          mutation,
        })),
      ),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ route, mutation }) => {
        const target = byName.get(route) as (typeof all)[number];
        fc.pre(mustBeRefused(mutation.text, target.schema, MAX_DEPTH));
        const answer = await postText(target.path, target.token, mutation.text);
        judge(`${target.name} ${mutation.kind} ${mutation.path}`, answer, mutation);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 120_000);

  it('refuses a body over the limit with 413, and a batch over 500 events by name', async () => {
    const sale = saleInVictimStore(own);
    const oversize = JSON.stringify({
      registerId: own.r1,
      batchId: uuidv7(),
      events: sale,
      padding: 'x'.repeat(5 * 1024 * 1024),
    });
    const path = fillPath(commandRoutes.replay.path, { registerId: own.r1 });
    const tooLarge = await postText(path, fixture.shop.r1Token, oversize);
    judge('oversize body', tooLarge, { kind: 'replace', path: '', text: '' });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('REQUEST.TOO_LARGE');

    const events = Array.from({ length: 501 }, (_, index) => ({ ...(sale[0] as object), eventId: uuidv7(), index }));
    const batch = await postText(
      path,
      fixture.shop.r1Token,
      JSON.stringify({ registerId: own.r1, batchId: uuidv7(), events }),
    );
    judge('batch of 501', batch, { kind: 'replace', path: 'events', text: '' });
    expect(batch.status).toBe(400);
    expect(batch.body.error.path).toBe('events');
  });

  it('refuses text that is not JSON, an empty body and prototype keys in the same error shape', async () => {
    const path = fillPath(commandRoutes.placeOrder.path, {});
    for (const text of [
      '{"commandId":',
      '',
      'not json',
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{}}}',
    ]) {
      const answer = await postText(path, fixture.shop.ownerToken, text);
      judge(`body ${JSON.stringify(text)}`, answer, { kind: 'replace', path: '', text });
      expect(answer.status, text).toBe(400);
      expect(answer.body.error.code, text).toBe('VALIDATION.MALFORMED_BODY');
    }
  });

  it('refuses NUL and unpaired surrogates, which jsonb cannot store, naming the field', async () => {
    for (const name of ['Marg\u0000herita', 'Marg\ud800herita', 'Marg\udfffherita']) {
      const data = { itemId: own.pizza, name, at: AT };
      const text = JSON.stringify({ commandId: uuidv7(), occurredAt: AT, data });
      const answer = await postText(fillPath(commandRoutes.renameItem.path, data), fixture.shop.ownerToken, text);
      judge(`rename to ${JSON.stringify(name)}`, answer, { kind: 'replace', path: 'data.name', text });
      expect(answer.body.error, name).toMatchObject({ code: 'VALIDATION.INVALID', path: 'data.name' });
    }
  });

  it('answers hostile values inside replayed events with a rejected verdict naming the field', async () => {
    const path = fillPath(commandRoutes.replay.path, { registerId: own.r1 });
    const hostile: Array<[string, unknown]> = [
      ['totals.payablePaise', -6_000],
      ['totals.payablePaise', 6_000.5],
      ['totals.payablePaise', 2 ** 60],
      ['totals.payablePaise', '6000'],
      ['lines', 'all of them'],
      ['lines.0.quantity', -1],
      ['storeId', null],
      ['lines.0.unitPricePaise', Number.MAX_SAFE_INTEGER],
      ['lines.0.quantity', 9_999],
      ['totals.grossPaise', Number.MAX_SAFE_INTEGER],
    ];
    for (const [field, value] of hostile) {
      const [placed, ...rest] = saleInVictimStore(own) as [{ data: Record<string, unknown> }, ...object[]];
      const data = structuredClone(placed.data);
      const keys = field.split('.');
      let parent = data as Record<string, unknown>;
      for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
      parent[keys.at(-1) as string] = value;
      const answer = await postText(
        path,
        fixture.shop.r1Token,
        JSON.stringify({ registerId: own.r1, batchId: uuidv7(), events: [{ ...placed, data }, ...rest] }),
      );
      tally.cases += 1;
      if (answer.status >= 500) tally.serverErrors.push(`replayed ${field}=${String(value)}: ${answer.status}`);
      expect(answer.status, `${field}: ${JSON.stringify(answer.body)}`).toBe(200);
      const [first] = (answer.body as unknown as { verdicts: Array<{ verdict: string; error?: { path: string } }> })
        .verdicts;
      expect(first?.verdict, field).toBe('rejected');
      expect(first?.error?.path, field).toMatch(/^data(\.|$)/);
    }
  });
});

describe('a command id already used, sent again with another body', () => {
  it('is refused as a reused id naming commandId, for every command, and changes nothing', async () => {
    const placed = await fixture.ledger.store.readStream({
      orgId: fixture.shop.ids.org,
      streamId: `order-${own.orderId}`,
    });
    const usedId = placed[0]?.causationId as string;
    expect(usedId).toBeTruthy();
    for (const target of targets().filter((candidate) => candidate.name !== 'replay')) {
      const body = { ...(target.body as object), commandId: usedId };
      const answer = await postText(target.path, target.token, JSON.stringify(body));
      tally.cases += 1;
      tally.reusedIds += 1;
      if (answer.status >= 500) tally.serverErrors.push(`${target.name} reused id: ${answer.status}`);
      const label = `${target.name} under a used id: ${JSON.stringify(answer.body).slice(0, 300)}`;
      // A command whose first run appended nothing left no trace of its id; it may run, but only
      // if it appends nothing either (expiring points nobody has).
      if (answer.status === 200) {
        expect((answer.body as unknown as { events: unknown[] }).events, label).toEqual([]);
        continue;
      }
      expect(answer.status, label).toBeGreaterThanOrEqual(400);
      expect(answer.status, label).toBeLessThan(500);
      // Refused for what it asks (scope, a rule) before its id matters, or as a reused id.
      if (answer.status === 409) expect(answer.body.error, label).toMatchObject({ path: 'commandId' });
    }
  });
});

describe('after every hostile body', () => {
  it('left the event store and every read model byte for byte as they were', async () => {
    const after = await fingerprint(fixture.ledger.store.pool);
    const changed = Object.keys(before).filter((table) => after[table]?.md5 !== before[table]?.md5);
    process.stdout.write(
      `fuzz: cases=${tally.cases}, unknown-fields=${tally.unknownFields}, reused-ids=${tally.reusedIds}, 5xx=${tally.serverErrors.length}, changed=${changed.length} (seed ${SEED}, ${RUNS} generated runs)\n`,
    );
    expect(tally.serverErrors).toEqual([]);
    expect(changed).toEqual([]);
    expect(before.events?.rows).toBeGreaterThan(0);
  });
});
