import { describe, expect, it } from 'vitest';
import { runFaultInjection } from './harness/fault-run.js';

/**
 * `npm test` runs the short run (about two minutes, at least 20 faults); `npm run soak` runs the
 * same harness for FAULTS_MINUTES with FAULTS_SEED. The run brings its own PostgreSQL and NATS
 * servers, so restarting them is one of the faults.
 */
const minutes = Number(process.env.FAULTS_MINUTES ?? '0');
const durationMs = minutes > 0 ? minutes * 60_000 : 100_000;
const seed = process.env.FAULTS_SEED ?? 'faults-1';

describe('the ledger, relay, projector and registers under injected faults', () => {
  it(
    'lose no acknowledged command or offline sale, store none twice, publish every event, and project what a rebuild projects',
    async () => {
      const result = await runFaultInjection({
        seed,
        durationMs,
        minFaults: 20,
        salesPerDay: 150,
        log: (line) => {
          if (process.env.FAULTS_VERBOSE === '1') process.stdout.write(`${line}\n`);
        },
      });
      process.stdout.write(`${result.summary}\n`);
      for (const example of result.examples) process.stdout.write(`  ${example}\n`);
      expect(result.faultCount).toBeGreaterThanOrEqual(20);
      expect(result.kills).toBeGreaterThan(0);
      expect(result.restarts).toBeGreaterThan(0);
      // NATS and PostgreSQL frozen past every heartbeat (SIGSTOP), under the tills' replays.
      expect(result.faults['pause-nats']).toBeGreaterThan(0);
      expect(result.faults['pause-postgres']).toBeGreaterThan(0);
      expect(result.faults['delete-stream']).toBeGreaterThan(0);
      expect(result.acknowledgedCommands).toBeGreaterThan(0);
      expect(result.offlineSales).toBeGreaterThan(0);
      expect(result.faults['lose-stream-messages']).toBeGreaterThan(0);
      expect({
        lost: result.lost,
        duplicated: result.duplicated,
        unpublished: result.unpublished,
        projectionDiffs: result.projectionDiffs,
        doubleReversals: result.doubleReversals,
        crashes: result.crashes,
      }).toEqual({ lost: 0, duplicated: 0, unpublished: 0, projectionDiffs: 0, doubleReversals: 0, crashes: 0 });
    },
    durationMs + 600_000,
  );

  // The same faults against `possier start` on PostgreSQL + NATS, where a broker's asynchronous
  // error once ended the ledger with the relay and the projector it carries.
  it('as one `possier start` process: never ends of itself, shows each interruption on /health/ready and /metrics, and loses nothing', async () => {
    const result = await runFaultInjection({
      seed: `${seed}-combined`,
      durationMs: minutes > 0 ? durationMs : 50_000,
      minFaults: 14,
      salesPerDay: 150,
      combined: true,
      log: (line) => {
        if (process.env.FAULTS_VERBOSE === '1') process.stdout.write(`${line}\n`);
      },
    });
    process.stdout.write(`${result.summary}\n`);
    for (const example of result.examples) process.stdout.write(`  ${example}\n`);
    expect(result.faults['pause-nats']).toBeGreaterThan(0);
    expect(result.faults['pause-postgres']).toBeGreaterThan(0);
    expect(result.faults['restart-postgres']).toBeGreaterThan(0);
    expect(result.offlineSales).toBeGreaterThan(0);
    expect({
      lost: result.lost,
      duplicated: result.duplicated,
      unpublished: result.unpublished,
      projectionDiffs: result.projectionDiffs,
      doubleReversals: result.doubleReversals,
      crashes: result.crashes,
    }).toEqual({ lost: 0, duplicated: 0, unpublished: 0, projectionDiffs: 0, doubleReversals: 0, crashes: 0 });
    // The closing faults (the stream deleted, its messages lost, NATS restarted) come after the
    // last kill, so the process that answers at the end went through them and said so.
    const health = result.health;
    expect(health?.finalStates).toEqual({ nats: 'running', relay: 'running', projector: 'running' });
    expect(health?.metricsUp).toEqual({ nats: 1, relay: 1, projector: 1 });
    for (const service of ['nats', 'relay', 'projector'])
      expect(health?.interruptions[service], service).toBeGreaterThan(0);
  }, 600_000);
});
