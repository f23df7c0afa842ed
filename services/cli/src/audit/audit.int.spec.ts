import { execFile } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { daySealPayload, eventHash, type AuditRecord, type BusinessDayClosed } from '@possier/events';
import { startAuditScenario, type AuditScenario } from '@possier/ledger/testing';
import { nodeAuditCrypto, postgresAuditLog } from '@possier/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/possier.js', import.meta.url));

type Run = { stdout: string; stderr: string; code: number };

let scenario: AuditScenario;
let folder: string;

/** Runs the command as an accountant would, through its launcher, with the ledger's URL and the accountant's token. */
const possier = async (args: ReadonlyArray<string>, env: Record<string, string> = {}): Promise<Run> => {
  const options = {
    env: { ...process.env, POSSIER_URL: scenario.ledger.url, POSSIER_TOKEN: scenario.accountant, ...env },
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], options);
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
};

/** Exports store A's 2026-11-24 to a file with `possier audit export`, then verifies it with `possier audit verify`. */
const exportAndVerify = async (): Promise<{ export: Run; verify: Run; file: string }> => {
  const file = join(folder, 'store-a-2026-11-24.jsonl');
  const exported = await possier([
    'audit',
    'export',
    '--store',
    scenario.shop.ids.storeA,
    '--from',
    '2026-11-24',
    '--to',
    '2026-11-24',
    '--out',
    file,
  ]);
  expect(exported.code, exported.stderr).toBe(0);
  const verified = await possier(['audit', 'verify', file, '--trust-key', scenario.key.keyId]);
  return { export: exported, verify: verified, file };
};

/** Tampering as someone with write access to the database would: plain SQL on the events table. */
const sql = (text: string, params: unknown[] = []) => scenario.ledger.store.pool.query(text, params);

const eventOf = async (streamId: string, streamPosition: number): Promise<AuditRecord> => {
  const records = await postgresAuditLog(scenario.ledger.store.pool).stream(scenario.shop.ids.org, streamId);
  return records.find((record) => record.streamPosition === streamPosition) as AuditRecord;
};

beforeEach(async () => {
  scenario = await startAuditScenario();
  folder = await mkdtemp(join(tmpdir(), 'possier-audit-export-'));
}, 120_000);
afterEach(async () => {
  await scenario?.close();
  await rm(folder, { recursive: true, force: true });
});

describe('possier audit export and verify, offline', () => {
  it('exports a closed day with a progress count and verifies it: every chain, the seal and its signature hold', async () => {
    const run = await exportAndVerify();
    const lines = (await readFile(run.file, 'utf8')).trimEnd().split('\n');
    expect(run.export.stderr).toContain(
      `exported ${lines.length - 1} records of store ${scenario.shop.ids.storeA}, 2026-11-24 to 2026-11-24, to ${run.file}`,
    );
    expect(run.verify).toMatchObject({ code: 0, stderr: '' });
    expect(run.verify.stdout).toMatch(
      /^VERIFIED .*: nothing in it was altered, inserted or removed, and its seals were signed by the key you trust\.\n/,
    );
    expect(run.verify.stdout).toContain(
      `  2026-11-24  ${String(scenario.seals.day1.eventCount).padStart(6)} events  root ${scenario.seals.day1.merkleRoot.slice(0, 16)}…  key ${scenario.key.keyId}  ok`,
    );
    expect(run.verify.stdout).toContain(`Trusted key: ${scenario.key.keyId}, as given with --trust-key.`);
    expect(run.verify.stdout).toContain(
      `  signer        the key you trust (${scenario.key.keyId}) or a key it endorsed`,
    );
  });

  it('says in words that a pass without a trusted key proves no signer, and fails that with --require-trust', async () => {
    const { file } = await exportAndVerify();
    const unpinned = await possier(['audit', 'verify', file]);
    expect(unpinned.code, unpinned.stderr).toBe(0);
    expect(unpinned.stdout).toMatch(/^CONSISTENT .*: .*it does not prove who signed\./);
    expect(unpinned.stdout).not.toContain('VERIFIED');
    expect(unpinned.stdout).toContain('  signer        NOT PROVEN: no trusted key was given (--trust-key)');
    const required = await possier(['audit', 'verify', file, '--require-trust']);
    expect(required.code).toBe(2);
    const pinned = await possier(['audit', 'verify', file, '--require-trust', '--trust-key', scenario.key.keyId]);
    expect(pinned.code, pinned.stdout).toBe(0);
    const json = await possier(['audit', 'verify', file, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, signerProven: false });
  });

  it('fails when an amount was changed in SQL, naming the changed event', async () => {
    const payment = await eventOf(`order-${scenario.orders.o1}`, 1);
    expect(payment.type).toBe('PaymentTendered');
    await sql(`UPDATE events SET data = jsonb_set(data, '{amountPaise}', '7000') WHERE event_id = $1`, [
      payment.eventId,
    ]);
    const { verify } = await exportAndVerify();
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/^FAILED .*: 1 finding\.\n/);
    expect(verify.stdout).toMatch(
      new RegExp(
        `First bad event: event ${payment.eventId} \\(order-${scenario.orders.o1}, position 1, PaymentTendered\\) on line \\d+\\n  CHAIN.HASH_MISMATCH: its content does not hash to its recorded hash: it was changed`,
      ),
    );
  });

  it('fails when an event was deleted in SQL, naming the event that lost its predecessor, and the seal that lost an event', async () => {
    const placed = await eventOf(`order-${scenario.orders.o1}`, 0);
    const payment = await eventOf(`order-${scenario.orders.o1}`, 1);
    await sql('DELETE FROM events WHERE event_id = $1', [placed.eventId]);
    const { verify } = await exportAndVerify();
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(
      `First bad event: event ${payment.eventId} (order-${scenario.orders.o1}, position 1`,
    );
    expect(verify.stdout).toContain(
      `CHAIN.PREDECESSOR_MISSING: the event before it in order-${scenario.orders.o1} (position 0) is missing from the store`,
    );
    expect(verify.stdout).toMatch(/SEAL\.COUNT_MISMATCH +seal of store .* for 2026-11-24.*events were removed/);
  });

  it('fails when a forged event was inserted in SQL, even with a correctly chained hash, naming the forgery', async () => {
    const o2 = `order-${scenario.orders.o2}`;
    const last = await eventOf(o2, 1);
    const o1Placed = await eventOf(`order-${scenario.orders.o1}`, 0);
    const { rows } = await sql(
      'SELECT transaction_id::text AS xid, (SELECT max(global_position) + 1000 FROM events) AS gp FROM events WHERE event_id = $1',
      [o1Placed.eventId],
    );
    const forged = {
      ...last,
      eventId: '0193a000-0000-7000-8000-00000000f0f0',
      type: 'OrderRefunded',
      data: { orderId: scenario.orders.o2, refundId: '0193a000-0000-7000-8000-00000000f0f1', refundedPaise: 6_000 },
      streamPosition: 2,
      globalPosition: Number(rows[0].gp),
      recordedAt: '2026-11-24T15:00:00.000000Z',
    };
    const hash = eventHash(last.hash as string, forged, nodeAuditCrypto);
    await sql(
      `INSERT INTO events (global_position, transaction_id, event_id, stream_id, stream_position, type, schema_version,
                           org_id, brand_id, store_id, register_id, actor_id, occurred_at, recorded_at, causation_id,
                           correlation_id, data, hash)
       OVERRIDING SYSTEM VALUE
       VALUES ($1, $2::xid8, $3, $4, 2, $5, 1, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, decode($16, 'hex'))`,
      [
        forged.globalPosition,
        rows[0].xid,
        forged.eventId,
        o2,
        forged.type,
        forged.orgId,
        forged.brandId,
        forged.storeId,
        forged.registerId,
        forged.actorId,
        forged.occurredAt,
        forged.recordedAt,
        forged.causationId,
        forged.correlationId,
        JSON.stringify(forged.data),
        hash,
      ],
    );
    const { verify } = await exportAndVerify();
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`First bad event: event ${forged.eventId} (${o2}, position 2, OrderRefunded)`);
    expect(verify.stdout).toContain('SEAL.EVENT_INSERTED: was not among the');
  });

  it('fails when two events were swapped in SQL, naming the first of them', async () => {
    const o1 = `order-${scenario.orders.o1}`;
    const [placed, payment] = [await eventOf(o1, 0), await eventOf(o1, 1)];
    await sql('UPDATE events SET stream_position = 1000 WHERE event_id = $1', [placed.eventId]);
    await sql('UPDATE events SET stream_position = 0 WHERE event_id = $1', [payment.eventId]);
    await sql('UPDATE events SET stream_position = 1 WHERE event_id = $1', [placed.eventId]);
    const { verify } = await exportAndVerify();
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`First bad event: event ${placed.eventId} (${o1}, position 1, OrderPlaced)`);
    expect(verify.stdout).toContain('CHAIN.HASH_MISMATCH');
  });

  it('fails when the seal’s signature was replaced in SQL, even by a real signature with the hash recomputed', async () => {
    const seal = await eventOf(`audit_day-${scenario.shop.ids.storeA}`, 0);
    const { signature: _original, ...unsigned } = seal.data as BusinessDayClosed['data'];
    const { privateKey } = generateKeyPairSync('ed25519');
    const forgedSignature = sign(null, daySealPayload(seal.orgId, unsigned), privateKey).toString('base64url');
    const resigned = { ...seal, data: { ...unsigned, signature: forgedSignature } };
    await sql(`UPDATE events SET data = $2::jsonb, hash = decode($3, 'hex') WHERE event_id = $1`, [
      seal.eventId,
      JSON.stringify(resigned.data),
      eventHash(seal.prevHash as string, resigned, nodeAuditCrypto),
    ]);
    const { verify } = await exportAndVerify();
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/^FAILED .*: 1 finding\.\n/);
    expect(verify.stdout).toContain(
      `First bad event: seal of store ${scenario.shop.ids.storeA} for 2026-11-24, event ${seal.eventId}`,
    );
    expect(verify.stdout).toContain(
      `SEAL.BAD_SIGNATURE: the signature is not key ${scenario.key.keyId}'s over this seal`,
    );
  });

  it('exports nothing of another org: an accountant of org A asking for org B’s store is refused and no file is written', async () => {
    const file = join(folder, 'other.jsonl');
    const run = await possier([
      'audit',
      'export',
      '--store',
      scenario.otherOrg.ids.storeA,
      '--from',
      '2026-11-24',
      '--to',
      '2026-11-24',
      '--out',
      file,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error AUTH\.UNKNOWN_STORE at storeId: /);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });

  it('prints an order’s history with local times, actors, causation and correlation', async () => {
    const run = await possier(['audit', 'history', '--order', scenario.orders.o3]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`Order ${scenario.orders.o3}: 3 events, times in Asia/Kolkata`);
    expect(lines[2]).toMatch(/^Recorded +Occurred +Event +Stream +Actor +Causation +Correlation$/);
    expect(lines[4]).toContain(`2026-11-25 10:00:00  OrderPlaced`);
    expect(lines[6]).toMatch(new RegExp(`OrderVoided +order-${scenario.orders.o3}@2  ${scenario.shop.ids.owner}  `));
  });

  it('amends a sealed date with late sales, by date or over a range, streams its history as JSON Lines and names each amendment in verify', async () => {
    const { storeA, r1, cola } = scenario.shop.ids;
    const sold = await scenario.ledger.post('/v1/orders', scenario.shop.r1Token, {
      commandId: '0193a000-0000-7000-8000-00000000a001',
      occurredAt: '2026-11-24T22:15:00+05:30',
      data: {
        orderId: '0193a000-0000-7000-8000-00000000a002',
        storeId: storeA,
        registerId: r1,
        channel: 'takeaway',
        lines: [{ lineId: '0193a000-0000-7000-8000-00000000a003', itemId: cola, quantity: 1 }],
        tenders: [{ paymentId: '0193a000-0000-7000-8000-00000000a004', kind: 'cash', amountPaise: 6_000 }],
      },
    });
    expect(sold.status, JSON.stringify(sold.body)).toBe(200);
    const waiting = await possier(['audit', 'history', '--store', storeA, '--date', '2026-11-24']);
    expect(waiting.stdout.split('\n')[0]).toContain('; 2 late events not sealed yet: possier audit amend');

    const amended = await possier(['audit', 'amend', '--store', storeA, '--date', '2026-11-24']);
    expect(amended.code, amended.stderr).toBe(0);
    expect(amended.stdout).toMatch(
      new RegExp(
        `^amended 2026-11-24 for store ${storeA}: amendment 1 seals 2 late events, Merkle root [0-9a-f]{64}, key `,
      ),
    );
    const table = await possier(['audit', 'history', '--store', storeA, '--date', '2026-11-24']);
    const lateRows = table.stdout
      .split('\n')
      .filter((line) => line.includes('order-0193a000-0000-7000-8000-00000000a002'));
    expect(lateRows).toHaveLength(2);
    expect(lateRows.every((line) => line.trimEnd().endsWith('amendment 1'))).toBe(true);
    const again = await possier(['audit', 'amend', '--store', storeA, '--date', '2026-11-24']);
    expect([again.code, again.stderr]).toEqual([
      1,
      expect.stringMatching(/^error AUDIT\.NOTHING_TO_AMEND at data\.businessDate: /),
    ]);

    const jsonl = await possier(['audit', 'history', '--store', storeA, '--date', '2026-11-24', '--format', 'jsonl']);
    expect(jsonl.code, jsonl.stderr).toBe(0);
    const [scope, ...events] = jsonl.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(
      scope.seals.map((seal: { amendment: number; eventCount: number }) => [seal.amendment, seal.eventCount]),
    ).toEqual([
      [0, scenario.seals.day1.eventCount],
      [1, 2],
    ]);
    expect(scope).toMatchObject({ unsealedEvents: 0, page: { total: scenario.seals.day1.eventCount + 2 } });
    expect(events).toHaveLength(scenario.seals.day1.eventCount + 2);

    // The nightly sweep over a range amends only the dates with late events.
    const lateAgain = await scenario.ledger.post('/v1/orders', scenario.shop.r1Token, {
      commandId: '0193a000-0000-7000-8000-00000000a005',
      occurredAt: '2026-11-24T22:45:00+05:30',
      data: {
        orderId: '0193a000-0000-7000-8000-00000000a006',
        storeId: storeA,
        registerId: r1,
        channel: 'takeaway',
        lines: [{ lineId: '0193a000-0000-7000-8000-00000000a007', itemId: cola, quantity: 1 }],
        tenders: [{ paymentId: '0193a000-0000-7000-8000-00000000a008', kind: 'cash', amountPaise: 6_000 }],
      },
    });
    expect(lateAgain.status, JSON.stringify(lateAgain.body)).toBe(200);
    const sweep = await possier(['audit', 'amend', '--store', storeA, '--from', '2026-11-23', '--to', '2026-11-26']);
    expect(sweep.code, sweep.stderr).toBe(0);
    expect(sweep.stdout).toMatch(/^amended 2026-11-24 for store .*: amendment 2 seals 2 late events, /);
    expect(sweep.stdout).toContain('1 date of 2026-11-23 to 2026-11-26 amended\n');

    const { verify } = await exportAndVerify();
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).toMatch(
      /\n {2}2026-11-24 +2 events {2}amendment 1 {2}root [0-9a-f]{16}… {2}key [0-9a-f]{32} {2}ok\n {2}2026-11-24 +2 events {2}amendment 2 {2}root/,
    );
  });
});
