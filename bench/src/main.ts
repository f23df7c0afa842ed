import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { createTestDatabase } from '@possier/prisma';
import pg from 'pg';
import type { Timing } from './measure.js';
import { formatTable, type Row } from './report.js';
import { appendScenarios } from './scenarios/postgres.js';
import { deleteStreams, jetstreamScenarios } from './scenarios/jetstream.js';
import { rebuildScenarios } from './scenarios/rebuild.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = values.quick;
const timing: Timing = quick ? { warmUpMs: 300, durationMs: 1_000 } : { warmUpMs: 2_000, durationMs: 10_000 };
const relayEvents = quick ? 5_000 : 20_000;
const rebuildEvents = quick ? 3_000 : 200_000;
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

const database = await createTestDatabase('possier_bench');
const nats = await connect({ servers: NATS_URL });
const natsVersion = nats.info?.version ?? 'unknown';
const rows: Row[] = [];
let postgresVersion = 'unknown';
try {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  postgresVersion =
    (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? postgresVersion;
  await client.end();

  rows.push(...(await appendScenarios(database.url, timing)));
  rows.push(...(await jetstreamScenarios(nats, timing, relayEvents)));
  rows.push(...(await rebuildScenarios(rebuildEvents)));
} finally {
  await deleteStreams(nats);
  await nats.close();
  await database.drop();
}

const maxRssMb = process.resourceUsage().maxRSS / 1024;
rows.push({ figure: 'peak RSS of the bench process', unit: 'MB', rate: maxRssMb });

const machine = {
  cores: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  postgres: postgresVersion,
  nats: natsVersion,
};
const when = new Date().toISOString();
console.log(
  `\npossier bench${quick ? ' --quick' : ''}, ${when}: ${machine.cores} cores, Node ${machine.node}, PostgreSQL ${machine.postgres}, NATS ${machine.nats}; ${timing.durationMs / 1000} s per figure after ${timing.warmUpMs / 1000} s warm-up\n`,
);
console.log(formatTable(rows));

const results = new URL('../results/', import.meta.url);
await mkdir(results, { recursive: true });
const json = `${JSON.stringify({ when, quick, timing, machine, rows }, null, 2)}\n`;
await writeFile(new URL(`${when.replace(/:/g, '-')}.json`, results), json);
await writeFile(new URL('latest.json', results), json);
