import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from './client.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const orgId = '0193a7a0-0000-7000-8000-000000000001';
const actorId = '0193a7a0-0000-7000-8000-0000000000a1';

/** append_events takes each event as the canonical JSON text of its envelope: sorted keys, no spaces. */
const envelope = (eventId: string, type: string, data: object): string =>
  JSON.stringify({
    actorId,
    brandId: null,
    causationId: null,
    correlationId: eventId,
    data,
    eventId,
    occurredAt: '2026-11-24T12:30:00+05:30',
    orgId,
    registerId: null,
    schemaVersion: 1,
    storeId: null,
    streamId: 'order-1',
    type,
  });

describe('the generated Prisma client over @prisma/adapter-pg', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase('possier_prisma_client');
    pool = new pg.Pool({ connectionString: database.url });
    await pool.query('SELECT * FROM append_events($1)', [
      JSON.stringify([
        {
          streamId: 'order-1',
          expected: -1,
          orgId,
          events: [
            envelope('0193a7a0-0000-7000-8000-000000000101', 'OrderPlaced', { totalPaise: 12_500 }),
            envelope('0193a7a0-0000-7000-8000-000000000102', 'PaymentTendered', { amountPaise: 12_500 }),
          ],
        },
      ]),
    ]);
    prisma = createPrismaClient(pool);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await pool?.end();
    await database?.drop();
  });

  it('reads events appended by append_events, with bigint positions and jsonb data as stored', async () => {
    const events = await prisma.event.findMany({ where: { streamId: 'order-1' }, orderBy: { streamPosition: 'asc' } });
    expect(events.map((event) => [event.streamPosition, event.type, event.data])).toEqual([
      [0n, 'OrderPlaced', { totalPaise: 12_500 }],
      [1n, 'PaymentTendered', { amountPaise: 12_500 }],
    ]);
    expect(events[0]).toMatchObject({ orgId, actorId, occurredAt: '2026-11-24T12:30:00+05:30', brandId: null });
    expect(typeof events[0]?.globalPosition).toBe('bigint');
  });

  it('upserts a relay checkpoint: inserts it once, then moves it', async () => {
    const save = (logPosition: string) =>
      prisma.relayCheckpoint.upsert({
        where: { relay: 'jetstream' },
        create: { relay: 'jetstream', logPosition },
        update: { logPosition, updatedAt: new Date('2026-11-24T07:00:00Z') },
      });
    await save('0000000000000001');
    await save('0000000000000002');

    expect(await prisma.relayCheckpoint.findMany()).toEqual([
      { relay: 'jetstream', logPosition: '0000000000000002', updatedAt: new Date('2026-11-24T07:00:00Z') },
    ]);
  });

  it('scopes a tenant setting to one interactive transaction, as row-level security needs', async () => {
    const seen = await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.org_id', ${orgId}, true)`;
      return tx.$queryRaw<{ org: string | null }[]>`SELECT current_setting('app.org_id', true) AS org`;
    });
    expect(seen).toEqual([{ org: orgId }]);
    const after = await prisma.$queryRaw<{ org: string | null }[]>`SELECT current_setting('app.org_id', true) AS org`;
    expect(after[0]?.org ?? '').toBe('');
  });

  it('writes a projector checkpoint in the same interactive transaction as other rows, or not at all', async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.projectorCheckpoint.create({ data: { projection: 'sales_by_day', logPosition: '01' } });
        throw new Error('projection failed');
      }),
    ).rejects.toThrow('projection failed');
    expect(await prisma.projectorCheckpoint.count()).toBe(0);
  });
});
