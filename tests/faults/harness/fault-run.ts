import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ok, seedRestaurant, startLedger, uuidv7 } from '@possier/ledger/testing';
import { checkAcknowledged, checkOfflineSales, checkProjections, checkReversals, checkStream } from './checks.js';
import { CLOSING_FAULTS, faultSequence, injectFault, noFaults, type FaultCounts, type FaultKind } from './faults.js';
import { onlineClient } from './online-client.js';
import { runOnlineWorkload, type AnswerLoss } from './online-workload.js';
import { waitForQuiescence } from './quiescence.js';
import {
  freePort,
  startPrivateNats,
  startPrivatePostgres,
  type PrivateNats,
  type PrivateServer,
} from '../../support/private-servers.js';
import { seeded, sleep } from './seeded-random.js';
import { watchHealth } from './health-watch.js';
import { combinedService, ledgerService, projectorService, relayService, type RunNames } from './services.js';
import { startTills } from './tills.js';

export type FaultRunOptions = {
  seed: string;
  /** How long the workload runs while faults are injected. */
  durationMs: number;
  /** Faults are injected past the duration until at least this many have landed. */
  minFaults: number;
  /** Sales in a till's day; a till starts another day until the workload ends. */
  salesPerDay: number;
  /**
   * The ledger, the relay and the projector as one `possier start` process rather than three
   * services: every kill is a kill of that process, and its `/health/ready` is watched throughout.
   */
  combined?: boolean;
  log: (line: string) => void;
};

export type FaultRunResult = {
  seed: string;
  faults: FaultCounts;
  faultCount: number;
  kills: number;
  restarts: number;
  events: number;
  acknowledgedCommands: number;
  offlineSales: number;
  lost: number;
  duplicated: number;
  unpublished: number;
  projectionDiffs: number;
  /** Orders whose voids and refunds add up to more than they took, or that hold two voids. */
  doubleReversals: number;
  /** The ledger, relay or projector ended of itself: a fault must never do that. */
  crashes: number;
  /**
   * Combined only: per component of `/health/ready`, the interruptions it reported by the end, and
   * its state then (every one `running` once the run is quiet).
   */
  health?: {
    interruptions: Record<string, number>;
    finalStates: Record<string, string>;
    metricsUp: Record<string, number>;
  };
  examples: string[];
  /** The one line of figures. */
  summary: string;
};

/**
 * The fault-injection run: the ledger API, the relay, the projector and two registers as real
 * child processes on a PostgreSQL cluster and a NATS server of the run's own (so restarting them
 * harms nobody else); a seeded online workload and
 * seeded offline tills; seeded faults for the given time. Then it waits for quiescence and checks
 * what must hold whatever failed: no acknowledged command or offline sale lost or stored twice,
 * every event published, every projection equal to its rebuild from position 0.
 */
export const runFaultInjection = async (options: FaultRunOptions): Promise<FaultRunResult> => {
  const servers: PrivateServer[] = [];
  try {
    const postgres = await startPrivatePostgres(await freePort());
    servers.push(postgres);
    const natsServer = await startPrivateNats(await freePort());
    servers.push(natsServer);
    return await runOnServers(options, postgres, natsServer);
  } finally {
    for (const server of servers.reverse()) await server.stop();
  }
};

const runOnServers = async (
  options: FaultRunOptions,
  postgres: PrivateServer,
  natsServer: PrivateNats,
): Promise<FaultRunResult> => {
  const { seed, log } = options;
  const ledger = await startLedger({ postgresServer: postgres.url, natsUrl: natsServer.url });
  const suffix = randomBytes(4).toString('hex');
  const names: RunNames = {
    databaseUrl: ledger.databaseUrl,
    natsUrl: natsServer.url,
    stream: `LEDGER_FAULTS_${suffix}`,
    subjectPrefix: `ledgerfaults${suffix}`,
    consumer: `faults-projector-${suffix}`,
    relay: `faults-${suffix}`,
  };
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'possier-faults-'));
  const combined = options.combined
    ? combinedService(names, port, { jwtSecret: ledger.jwtSecret, customerKek: ledger.customerKek, dataDir })
    : undefined;
  const api = combined ?? ledgerService(names, port, ledger.jwtSecret, ledger.customerKek);
  const relay = combined ?? relayService(names);
  const projector = combined ?? projectorService(names);
  const services = combined ? [combined] : [api, relay, projector];
  const stopWatching = new AbortController();
  let nats: NatsConnection | undefined;
  let tills: Awaited<ReturnType<typeof startTills>> | undefined;
  try {
    nats = await connect({ servers: natsServer.url, maxReconnectAttempts: -1 });
    const shop = await seedRestaurant(ledger);
    const { org, brand, storeA, r2 } = shop.ids;
    const r3 = uuidv7();
    ok(
      await ledger.command('/v1/registers', shop.ownerToken, {
        orgId: org,
        registerId: r3,
        storeId: storeA,
        name: 'Till 3',
      }),
    );
    const registerToken = (registerId: string) =>
      ledger.token({ kind: 'register', orgId: org, brandId: brand, storeId: storeA, registerId });

    await Promise.all(services.map((service) => service.start()));
    log(`faults: seed=${seed}: ledger on port ${port}, stream ${names.stream}${combined ? ', one process' : ''}`);
    const watching = combined ? watchHealth(`http://127.0.0.1:${port}`, stopWatching.signal) : undefined;
    tills = await startTills({
      ledgerPort: port,
      tokens: [
        { register: r2, token: await registerToken(r2) },
        { register: r3, token: await registerToken(r3) },
      ],
      menu: { pizza: shop.ids.pizza, cheese: shop.ids.cheese, cola: shop.ids.cola },
      seed,
      salesPerDay: options.salesPerDay,
    });

    const loss: AnswerLoss = { pending: 0 };
    const client = onlineClient(`http://127.0.0.1:${port}`);
    const stopWorkload = new AbortController();
    const tillOrders = async () =>
      (
        await ledger.store.pool.query<{ order_id: string }>(
          `SELECT data->>'orderId' AS order_id FROM events
            WHERE type = 'OrderPlaced' AND org_id = $1 AND register_id = ANY($2::uuid[])
            ORDER BY global_position DESC LIMIT 20`,
          [org, [r2, r3]],
        )
      ).rows.map((row) => row.order_id);
    const online = runOnlineWorkload(client, shop, seed, loss, stopWorkload.signal, tillOrders);
    online.catch(() => undefined);

    const faults = noFaults();
    let faultCount = 0;
    const random = seeded(seed, 'faults');
    const nextFault = faultSequence(random);
    const connected = nats;
    const targets = {
      ledger: api,
      relay,
      projector,
      tills,
      nats: () => connected,
      stream: names.stream,
      loss,
      postgres,
      natsServer,
    };
    const started = Date.now();
    const inject = async (planned: FaultKind) => {
      await sleep(random.between(300, 2_500));
      const kind = await injectFault(targets, planned, random);
      faults[kind] += 1;
      faultCount += 1;
      log(`faults: ${Math.round((Date.now() - started) / 1000)} s, fault ${faultCount}: ${kind}`);
    };
    while (Date.now() - started < options.durationMs || faultCount + CLOSING_FAULTS.length < options.minFaults)
      await inject(nextFault());
    for (const kind of CLOSING_FAULTS) await inject(kind);

    log('faults: workload stopping; waiting for the tills to empty their outboxes');
    stopWorkload.abort();
    const done = await online;
    await tills.finish();
    log('faults: waiting for the relay and the projector to reach the log head');
    await waitForQuiescence({
      store: ledger.store,
      nats,
      stream: names.stream,
      consumer: names.consumer,
      services,
      stalledMs: 90_000,
    });
    stopWatching.abort();
    const health = await watching;
    await Promise.all([relay.stop(), projector.stop()]);

    const acknowledged = await checkAcknowledged(ledger.store, client.acknowledged);
    const offline = await checkOfflineSales(ledger.store, tills.days);
    const published = await checkStream(ledger.store, nats, names.stream);
    const projectionsChecked = await checkProjections(ledger.store);
    const reversals = await checkReversals(ledger.store);
    const { rows } = await ledger.store.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM events');
    const events = rows[0]?.count ?? 0;

    const kills = faults['kill-ledger'] + faults['kill-relay'] + faults['kill-projector'] + faults['kill-register'];
    const restarts = faults['restart-nats'] + faults['lose-stream-messages'] + faults['restart-postgres'];
    const pauses = faults['pause-nats'] + faults['pause-postgres'];
    const lost = acknowledged.lost + offline.lost;
    const duplicated = acknowledged.duplicated + offline.duplicated + published.duplicated;
    const offlineSales = tills.days.reduce((sum, day) => sum + day.total, 0);
    const crashes = services.flatMap((service) => service.crashes);
    const summary =
      `faults: seed=${seed}, faults=${faultCount}, kills=${kills}, restarts=${restarts}, pauses=${pauses}, ` +
      `stream_deletions=${faults['delete-stream']}, lost_answers=${faults['lose-answer']}, link_cuts=${faults['cut-register-link']}, ` +
      `commands=${client.acknowledged.length} (checkouts ${done.checkouts}, refunds ${done.refunds}, ` +
      `till_refunds ${done.tillRefunds}, counts ${done.counts}), reversals=${reversals.orders}, ` +
      `offline_sales=${offlineSales}, events=${events}, lost=${lost}, duplicated=${duplicated}, ` +
      `double_reversals=${reversals.doubled}, unpublished=${published.lost}, ` +
      `projection_diffs=${projectionsChecked.diffs}, crashes=${crashes.length}` +
      (health
        ? `, process=combined, interruptions=${Object.entries(health.interruptions)
            .map(([service, count]) => `${service}:${count}`)
            .join('/')}`
        : '');
    return {
      seed,
      faults,
      faultCount,
      kills,
      restarts,
      events,
      acknowledgedCommands: client.acknowledged.length,
      offlineSales,
      lost,
      duplicated,
      unpublished: published.lost,
      projectionDiffs: projectionsChecked.diffs,
      doubleReversals: reversals.doubled,
      crashes: crashes.length,
      ...(health ? { health } : {}),
      examples: [
        ...crashes.map(
          (crash) =>
            `${crash.service} ended of itself (code ${crash.code}, signal ${crash.signal}); its last output:\n` +
            crash.lastLines.map((line) => `      ${line}`).join('\n'),
        ),
        ...acknowledged.examples,
        ...offline.examples,
        ...published.examples,
        ...projectionsChecked.examples,
        ...reversals.examples,
      ],
      summary,
    };
  } finally {
    stopWatching.abort();
    await tills?.close();
    await Promise.all(services.map((service) => service.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    if (nats) {
      await jetstreamManager(nats)
        .then((jsm) => jsm.streams.delete(names.stream))
        .catch(() => undefined);
      await nats.close();
    }
    await ledger.close();
  }
};
