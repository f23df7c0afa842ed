import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  AuditContext,
  createLedgerApp,
  createTokenService,
  fileAuditKeyring,
  generateCustomerKek,
  generateJwtSecret,
  parseCustomerKeks,
  postgresCustomerKeyring,
  postgresRegisterSyncLog,
  postgresStockLevels,
} from '@possier/ledger';
import { postgresAuditLog } from '@possier/store';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indiaNow, uuidv7 } from '@possier/ledger/testing';
import { openEmbeddedRuntime } from './embedded-runtime.js';
import type { Runtime } from './runtime.js';

let folder: string;
let runtime: Runtime;
let app: NestFastifyApplication;
let url: string;
const tokens = createTokenService(generateJwtSecret(), 'possier-ledger');
const stopReadSide = new AbortController();

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'possier-embedded-deactivation-'));
  runtime = await openEmbeddedRuntime(folder, pino({ level: 'silent' }));
  app = await createLedgerApp({
    store: runtime.store,
    readModels: runtime.readModels,
    ...(runtime.reportsPrisma ? { reportsPrisma: runtime.reportsPrisma } : {}),
    tokens,
    audit: new AuditContext(postgresAuditLog(runtime.store.pool), fileAuditKeyring(join(folder, 'audit-keys'))),
    stockLevels: postgresStockLevels(runtime.store.pool),
    registerSync: postgresRegisterSyncLog(runtime.store.pool),
    customerKeys: postgresCustomerKeyring(
      runtime.store.pool,
      parseCustomerKeks(generateCustomerKek(), 'POSSIER_CUSTOMER_KEK'),
    ),
    logger: pino({ level: 'silent' }),
    readiness: runtime.readiness,
  });
  await app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  void runtime.runReadSide(stopReadSide.signal);
}, 120_000);

afterAll(async () => {
  stopReadSide.abort();
  await app?.close();
  await runtime?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const call = async (method: 'GET' | 'POST', path: string, token: string, data?: object) => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(data ? { 'content-type': 'application/json' } : {}) },
    ...(data ? { body: JSON.stringify({ commandId: uuidv7(), occurredAt: indiaNow(), data }) } : {}),
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
};

const statusRow = async (registerId: string, wanted: string) => {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { rows } = await runtime.readModels.query<{ status: string }>(
      'SELECT status FROM rm_registers WHERE register_id = $1',
      [registerId],
    );
    if (rows[0]?.status === wanted) return wanted;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return 'never';
};

describe('deactivating a register on embedded PGlite', () => {
  it('refuses its next request 401, shows it in rm_registers, and lets it back once reactivated', async () => {
    const [orgId, ownerUserId, brandId, storeId, registerId] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const operator = await tokens.sign({ kind: 'operator', operatorId: 'test' });
    const owner = await tokens.sign({ kind: 'user', orgId, userId: ownerUserId });
    const setUp: Array<[string, string, object]> = [
      [
        '/v1/organizations',
        operator,
        { orgId, name: 'Slice', ownerUserId, ownerName: 'Meera', ownerEmail: 'm@slice.in' },
      ],
      ['/v1/brands', owner, { orgId, brandId, name: 'Pizza Lane' }],
      ['/v1/stores', owner, { orgId, storeId, brandId, name: 'Bandra', timeZone: 'Asia/Kolkata', stateCode: '27' }],
      ['/v1/registers', owner, { orgId, registerId, storeId, name: 'Till 1' }],
    ];
    for (const [path, token, data] of setUp) {
      const response = await call('POST', path, token, data);
      expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
    }
    const till = await tokens.sign({ kind: 'register', orgId, brandId, storeId, registerId });
    const pull = `/v1/registers/${registerId}/catalog`;
    expect((await call('GET', pull, till)).status).toBe(200);

    const reason = { orgId, registerId, reason: 'stolen' };
    expect((await call('POST', `/v1/registers/${registerId}/deactivate`, owner, reason)).status).toBe(200);
    const refused = await call('GET', pull, till);
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe('AUTH.PRINCIPAL_DEACTIVATED');
    expect(await statusRow(registerId, 'deactivated')).toBe('deactivated');

    expect((await call('POST', `/v1/registers/${registerId}/reactivate`, owner, reason)).status).toBe(200);
    expect((await call('GET', pull, till)).status).toBe(200);
    expect(await statusRow(registerId, 'active')).toBe('active');
  });
});
