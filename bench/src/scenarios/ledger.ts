import { createTestDatabase } from '@possier/prisma';
import pg from 'pg';
import { Pool } from 'undici';
import { runFor, type Timing } from '../measure.js';
import { startLedgerProcess } from '../processes/ledger-process.js';
import { replayFromRegister } from '../processes/register-process.js';
import { against, measured, type Row } from '../report.js';
import { checkoutBody, command, seedRestaurant } from '../restaurant.js';
import { analyze } from '../statistics.js';

const CLIENTS = 16;

export type LedgerResult = { rows: Row[]; ledgerPeakRssMb: number | undefined; registerPeakRssMb: number | undefined };

/**
 * The ledger as deployed, its own process on a database of its own, under two loads:
 *
 * - checkouts over HTTP from 16 clients, each waiting for its answer before sending the next: the
 *   whole command path (auth, contract validation, catalog lookup, decider, group-committed append);
 * - a register, also its own process, that sold offline until its outbox held 10,000 events and
 *   then replays them in one sync: the time until the ledger has judged every one (10,000 events
 *   in DESIGN.md's target; a quick run replays fewer).
 */
export const ledgerScenarios = async (
  timing: Timing,
  natsUrl: string,
  logDir: string,
  rawInserts: Row | undefined,
  replayedEvents: number,
): Promise<LedgerResult> => {
  const database = await createTestDatabase('possier_bench_ledger');
  const ledger = await startLedgerProcess(database.url, natsUrl, `${logDir}/ledger.log`).catch(async (error) => {
    await database.drop();
    throw error;
  });
  const http = new Pool(ledger.url, { connections: CLIENTS, pipelining: 1 });
  const admin = new pg.Pool({ connectionString: database.url, max: 1 });
  try {
    const restaurant = await seedRestaurant(http, ledger);
    const m = await runFor(
      timing,
      CLIENTS,
      () => command(http, '/v1/orders', restaurant.registerToken, checkoutBody(restaurant)),
      () => analyze(admin),
    );
    const checkout = against(measured(`HTTP checkout, ${CLIENTS} clients`, 'checkouts/s', m), rawInserts, 0.35);

    const replay = await replayFromRegister(ledger.url, restaurant, replayedEvents);
    if (replay.accepted !== replay.events) {
      throw new Error(`the ledger accepted ${replay.accepted} of the ${replay.events} events the register replayed`);
    }
    console.error(`offline replay of ${replay.events} events: ${replay.seconds.toFixed(1)} s`);
    const replayRow: Row = {
      figure: `offline replay, ${replay.events.toLocaleString('en-US')} events, one register`,
      unit: 'events/s',
      rate: replay.events / replay.seconds,
      // The target is for 10,000 events; a quick run replays fewer and is not held to it.
      ...(replayedEvents < 10_000 ? {} : { target: '< 10 s', status: replay.seconds < 10 ? 'pass' : 'short' }),
      note: `${replay.seconds.toFixed(1)} s`,
    };
    return {
      rows: [checkout, replayRow],
      ledgerPeakRssMb: ledger.service.peakRssMb(),
      registerPeakRssMb: replay.peakRssMb,
    };
  } finally {
    await http.close();
    await admin.end();
    await ledger.service.stop();
    await database.drop();
  }
};
