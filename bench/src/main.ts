import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { createTestDatabase } from '@possier/prisma';
import pg from 'pg';
import type { Timing } from './measure.js';
import { buildServices, peakRssOf, profiling } from './processes/service-process.js';
import { formatTable, type Row } from './report.js';
import { hostileBodiesScenario } from './scenarios/hostile-bodies.js';
import { deleteStreams, jetstreamScenarios } from './scenarios/jetstream.js';
import { ledgerScenarios } from './scenarios/ledger.js';
import { buildCli, cliScenarios } from './scenarios/cli.js';
import { appendScenarios, rawInserts } from './scenarios/postgres.js';
import { rebuildScenarios } from './scenarios/rebuild.js';
import { reportLagScenario } from './scenarios/report-lag.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    /** Writes a V8 CPU profile of each service process (ledger, relay, projector) into this folder. */
    profile: { type: 'string' },
    /** Runs only these groups (comma-separated): appends, jetstream, ledger, hostile, lag, rebuild, cli; each with its baselines. */
    only: { type: 'string' },
  },
});
const quick = values.quick;
const groups = ['appends', 'jetstream', 'ledger', 'hostile', 'lag', 'rebuild', 'cli'] as const;
const selected = new Set(values.only ? values.only.split(',').map((name) => name.trim()) : groups);
const unknown = [...selected].filter((name) => !(groups as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`--only: unknown group ${unknown.join(', ')}; the groups are ${groups.join(', ')}`);
  process.exit(2);
}
const runs = (group: (typeof groups)[number]) => selected.has(group);
const timing: Timing = quick ? { warmUpMs: 300, durationMs: 1_000 } : { warmUpMs: 2_000, durationMs: 10_000 };
const relayEvents = quick ? 5_000 : 50_000;
const rebuildEvents = quick ? 3_000 : 200_000;
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
if (values.profile) {
  mkdirSync(values.profile, { recursive: true });
  profiling.directory = values.profile;
}
// The services run from their builds, as deployed.
if (runs('jetstream') || runs('ledger') || runs('hostile') || runs('lag') || runs('cli')) buildServices();
if (runs('cli')) buildCli();
const logDir = mkdtempSync(join(os.tmpdir(), 'possier-bench-'));

const database = await createTestDatabase('possier_bench');
// The raw publishes and the relay share this connection; neither builds an Error per publish in
// case it fails (see the relay's main.ts), so the baseline is the best this client can do.
const nats = await connect({ servers: NATS_URL, noAsyncTraces: true });
const natsVersion = nats.info?.version ?? 'unknown';
const rows: Row[] = [];
const peakRss: Record<string, number | undefined> = {};
let postgresVersion = 'unknown';
let failed = true;
try {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  postgresVersion =
    (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? postgresVersion;
  await client.end();

  // A group left out with --only is not measured; the raw-insert baseline the ledger's figure is a
  // ratio to is measured whenever the ledger is.
  const appends = runs('appends')
    ? await appendScenarios(database.url, timing)
    : runs('ledger')
      ? [await rawInserts(database.url, timing, 16)]
      : [];
  rows.push(...appends);
  if (runs('jetstream')) {
    const jetstream = await jetstreamScenarios(nats, NATS_URL, timing, relayEvents, logDir);
    rows.push(...jetstream.rows);
    peakRss['relay, full speed'] = jetstream.relay?.peakRssMb();
  }
  if (runs('ledger')) {
    const ledger = await ledgerScenarios(
      timing,
      NATS_URL,
      logDir,
      appends.find((row) => row.figure === 'raw INSERT, 16 clients'),
      quick ? 2_000 : 10_000,
    );
    rows.push(...ledger.rows);
    peakRss.ledger = ledger.ledgerPeakRssMb;
    peakRss.register = ledger.registerPeakRssMb;
  }
  if (runs('hostile')) {
    // A few seconds: the figure is a tail latency under a fixed attack, not a throughput.
    const hostile = await hostileBodiesScenario(
      quick ? { warmUpMs: 200, durationMs: 1_000 } : { warmUpMs: 500, durationMs: 3_000 },
      NATS_URL,
      logDir,
    );
    rows.push(...hostile.rows);
    peakRss['ledger, hostile bodies'] = hostile.ledgerPeakRssMb;
  }
  if (runs('lag')) {
    const readSide = await reportLagScenario(nats, NATS_URL, timing, logDir);
    rows.push(...readSide.rows);
    peakRss['relay, 1,000 events/s'] = readSide.relay?.peakRssMb();
    peakRss.projector = readSide.projector?.peakRssMb();
  }
  if (runs('rebuild')) rows.push(...(await rebuildScenarios(rebuildEvents)));
  // A process per call: a quick run times a few seconds of calls, enough for a median.
  if (runs('cli'))
    rows.push(...(await cliScenarios(quick ? { warmUpMs: 300, durationMs: 2_000 } : timing, NATS_URL, logDir)));
  failed = false;
} finally {
  await deleteStreams(nats);
  await nats.close();
  await database.drop();
  if (failed) console.error(`the services' logs are in ${logDir}`);
  else if (!process.env.BENCH_KEEP_LOGS) rmSync(logDir, { recursive: true, force: true });
}

/** Peak RSS (VmHWM) of each process of the run, under the loads above; targets from DESIGN.md. */
const rssTargets: Record<string, number | undefined> = { ledger: 250, register: 120 };
peakRss.bench = peakRssOf(process.pid) ?? process.resourceUsage().maxRSS / 1024;
for (const [name, mb] of Object.entries(peakRss)) {
  const limit = rssTargets[name];
  rows.push({
    figure: `peak RSS, ${name}${name === 'bench' ? ' (this process)' : ''}`,
    unit: 'MB',
    rate: mb,
    ...(limit === undefined || mb === undefined
      ? {}
      : { target: `< ${limit} MB`, status: mb < limit ? ('pass' as const) : ('short' as const) }),
    ...(mb === undefined ? { note: 'not measured: no /proc here' } : {}),
  });
}

const machine = {
  cores: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  node: process.version,
  postgres: postgresVersion,
  nats: natsVersion,
};
const when = new Date().toISOString();
console.log(
  `\npossier bench${quick ? ' --quick' : ''}, ${when}: ${machine.cores} cores, Node ${machine.node}, PostgreSQL ${machine.postgres}, NATS ${machine.nats}; ${timing.durationMs / 1000} s per figure after ${timing.warmUpMs / 1000} s warm-up; load average at the end ${machine.loadAverage.join(', ')}\n`,
);
console.log(formatTable(rows));

const results = new URL('../results/', import.meta.url);
mkdirSync(results, { recursive: true });
const json = `${JSON.stringify({ when, quick, only: values.only ?? null, timing, machine, rows }, null, 2)}\n`;
writeFileSync(new URL(`${when.replace(/:/g, '-')}.json`, results), json);
// latest.json is the newest complete run, the one README's table comes from.
if (!values.only) writeFileSync(new URL('latest.json', results), json);
