import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@possier/prisma';
import { Pool, request } from 'undici';
import { runFor, type Timing } from '../measure.js';
import { startLedgerProcess } from '../processes/ledger-process.js';
import { measured, type Row } from '../report.js';

const HOSTILE_CLIENTS = 4;
/** What was reported: 5 MB of `[`, which JSON.parse took seconds and hundreds of MB to refuse. */
const NESTED = Buffer.alloc(5_000_000, '[');

export type HostileResult = { rows: Row[]; ledgerPeakRssMb: number | undefined };

/**
 * DESIGN.md's "/health/live p99 while 4 hostile clients send nested bodies": the ledger as
 * deployed, asked /health/live by one client, first alone (the baseline, in the same run), then
 * while four clients each send 5 MB nested bodies back to back: two without a token to POST
 * /v1/orders, two with a register's valid token to its replay. The ledger must refuse them before parsing (401) or as the
 * bytes arrive (400 at the 33rd level), so the liveness answer stays fast and memory flat.
 */
export const hostileBodiesScenario = async (
  timing: Timing,
  natsUrl: string,
  logDir: string,
): Promise<HostileResult> => {
  const database = await createTestDatabase('possier_bench_hostile');
  const ledger = await startLedgerProcess(database.url, natsUrl, `${logDir}/ledger-hostile.log`).catch(
    async (error) => {
      await database.drop();
      throw error;
    },
  );
  const health = new Pool(ledger.url, { connections: 1, pipelining: 1 });
  try {
    const registerId = randomUUID();
    const token = await ledger.token({
      kind: 'register',
      org: randomUUID(),
      brand: randomUUID(),
      store: randomUUID(),
      register: registerId,
    });
    const live = async () => {
      const response = await health.request({ path: '/health/live', method: 'GET' });
      await response.body.dump();
      if (response.statusCode !== 200) throw new Error(`/health/live answered ${response.statusCode}`);
    };
    const baseline = measured('/health/live, no other load', 'requests/s', await runFor(timing, 1, live));

    const answers = new Map<string, number>();
    const stop = new AbortController();
    const hostile = async (worker: number) => {
      // With a token, to the replay, whose 5 MiB limit lets the body in: only its depth refuses it.
      const [path, authorization] =
        worker % 2 === 1
          ? [`/v1/registers/${registerId}/replay`, { authorization: `Bearer ${token}` }]
          : ['/v1/orders', {}];
      while (!stop.signal.aborted) {
        let outcome: string;
        try {
          const response = await request(`${ledger.url}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...authorization },
            body: NESTED,
            signal: stop.signal,
          });
          await response.body.dump();
          outcome = String(response.statusCode);
        } catch {
          // The ledger may close the connection on the part of the body it refused to read.
          outcome = 'connection closed';
        }
        if (!stop.signal.aborted) answers.set(outcome, (answers.get(outcome) ?? 0) + 1);
      }
    };
    const attackers = Array.from({ length: HOSTILE_CLIENTS }, (_, worker) => hostile(worker));
    const underAttack = await runFor(timing, 1, live);
    stop.abort();
    await Promise.all(attackers);

    const figure = measured(
      `/health/live, ${HOSTILE_CLIENTS} clients sending 5 MB nested bodies (2 without a token)`,
      'requests/s',
      underAttack,
    );
    const refused = [...answers].map(([outcome, count]) => `${count} × ${outcome}`).join(', ');
    return {
      rows: [
        baseline,
        {
          ...figure,
          baseline: baseline.figure,
          target: '< 50 ms p99',
          status: figure.p99 !== undefined && figure.p99 < 50 ? 'pass' : 'short',
          note: `hostile bodies answered: ${refused || 'none'}`,
        },
      ],
      ledgerPeakRssMb: ledger.service.peakRssMb(),
    };
  } finally {
    await health.close();
    await ledger.service.stop();
    await database.drop();
  }
};
