import { RegisterPrincipal } from '@possier/events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import type { Logger } from 'pino';
import { createLedgerClient, LedgerUnreachableError, type LedgerClient } from './ledger-client.js';
import { localStoreFiles, openLocalStore, readSetting, writeSetting, type LocalStore } from './local-store.js';
import { assertPrivate, makePrivateDir } from './private-files.js';
import { createTill, systemClock, type RegisterClock, type Till } from './register.js';
import { outboxStatus, pullCatalog, pullCustomers, pushOutbox, type PushProgress, type PushSummary } from './sync.js';

export type RegisterStatus = {
  registerId: string;
  storeId: string;
  /** Names of the till's org, brand, store and register as last pulled; empty before the first pull. */
  names: { org?: string; brand?: string; store?: string; register?: string };
  /** Whether the last attempt to reach the ledger succeeded; null before the first. */
  online: boolean | null;
  queuedEvents: number;
  oldestQueuedAt: string | null;
  /** When the ledger last judged a batch (or confirmed an empty outbox). */
  lastSyncAt: string | null;
  lastError: string | null;
  /** The till's clock minus the ledger's, as the ledger measured it at the last sync that sent a batch. */
  clockSkewMs: number | null;
  catalogItems: number;
  rejectedEvents: number;
  conflicts: number;
};

export type LastVerdicts = {
  conflicts: Array<{ eventId: string; kind: string; detail: string }>;
  rejected: Array<{ eventId: string; type: string; code: string; reason: string }>;
};

export class RegisterNotSetUpError extends Error {
  override readonly name = 'RegisterNotSetUpError';
}

/** The register's identity is the one its token names; the ledger checks the signature, the register reads the claims. */
const identityOf = (token: string): RegisterPrincipal => {
  const payload = token.split('.')[1];
  if (!payload) throw new RegisterNotSetUpError('the token is not a JWT');
  const claims = RegisterPrincipal.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  if (!claims.success) throw new RegisterNotSetUpError('the token is not a register token');
  return claims.data;
};

export type RegisterAgent = {
  till: Till;
  db: LocalStore;
  /** Pulls catalog changes, then pushes the whole outbox. Throws LedgerUnreachableError when offline. */
  sync(onProgress?: (progress: PushProgress) => void): Promise<PushSummary>;
  /** Syncs now and every `intervalMs`, backing off with jitter while the ledger is unreachable, until aborted. */
  runSyncLoop(options: { signal: AbortSignal; intervalMs?: number; maxBackoffMs?: number }): Promise<void>;
  status(): RegisterStatus;
  /** What the ledger found in the events of the last sync that pushed any: conflicts and rejections, in words. */
  lastVerdicts(): LastVerdicts;
  /** Asks the ledger whether it answers, and records the answer as the connection state. */
  probe(): Promise<boolean>;
  close(): void;
};

/**
 * Opens (or sets up, given a ledger URL and a register token) the register whose state lives in
 * `dataDir/register.sqlite`. The URL and token are kept there, so a restarted till carries on.
 * A new folder is made 0700 and the database 0600; a folder or database holding a token that
 * other users can read is refused with ExposedRegisterDataError.
 */
export const openRegister = (options: {
  dataDir: string;
  ledgerUrl?: string;
  token?: string;
  clock?: RegisterClock;
  logger?: Logger;
  client?: (url: string, token: string) => LedgerClient;
}): RegisterAgent => {
  makePrivateDir(options.dataDir);
  const path = join(options.dataDir, 'register.sqlite');
  const db = openLocalStore(path);
  // Judged before a token is written or read: a token must never land in, or be used from, files others can read.
  if (options.token !== undefined || readSetting(db, 'token') !== undefined) {
    try {
      assertPrivate(options.dataDir, localStoreFiles(path));
    } catch (error) {
      db.close();
      throw error;
    }
  }
  if (options.ledgerUrl) writeSetting(db, 'ledgerUrl', options.ledgerUrl);
  if (options.token) writeSetting(db, 'token', options.token);
  const ledgerUrl = readSetting(db, 'ledgerUrl');
  const token = readSetting(db, 'token');
  if (!ledgerUrl || !token) {
    db.close();
    throw new RegisterNotSetUpError(`no register is set up in ${options.dataDir}: run possier register init`);
  }
  const identity = identityOf(token);
  const clock = options.clock ?? systemClock;
  const ledger = (options.client ?? ((url, bearer) => createLedgerClient({ url, token: bearer })))(ledgerUrl, token);
  const till = createTill(db, identity, clock);
  const log = options.logger;

  const noteAttempt = (error: unknown) => {
    writeSetting(
      db,
      'lastAttempt',
      JSON.stringify({
        ok: error === undefined,
        at: clock.now().toISOString(),
        error: error ? String((error as Error).message) : null,
      }),
    );
  };

  const sync = async (onProgress?: (progress: PushProgress) => void): Promise<PushSummary> => {
    try {
      await pullCatalog(db, ledger, identity);
      const started = clock.now().toISOString();
      const summary = await pushOutbox(db, ledger, identity, clock, onProgress);
      if (summary.batches > 0) writeSetting(db, 'lastPushStartedAt', started);
      // After the push: the points pulled then already count this till's own offline redemptions.
      await pullCustomers(db, ledger, identity);
      if (summary.batches === 0) writeSetting(db, 'lastSyncAt', clock.now().toISOString());
      noteAttempt(undefined);
      return summary;
    } catch (error) {
      noteAttempt(error);
      throw error;
    }
  };

  return {
    till,
    db,
    sync,
    async runSyncLoop({ signal, intervalMs = 5_000, maxBackoffMs = 30_000 }) {
      while (!signal.aborted) {
        try {
          const summary = await pRetry(() => sync(), {
            forever: true,
            minTimeout: 250,
            maxTimeout: maxBackoffMs,
            factor: 2,
            randomize: true,
            signal,
            shouldRetry: (error) => error instanceof LedgerUnreachableError,
            onFailedAttempt: (error) =>
              log?.warn(
                { attempt: error.attemptNumber, err: error.message, ...outboxStatus(db) },
                'ledger unreachable; selling offline',
              ),
          });
          if (summary.batches > 0) log?.info({ ...summary }, 'outbox pushed');
        } catch (error) {
          if (signal.aborted) return;
          log?.error({ err: error }, 'sync failed; the outbox is kept');
        }
        await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
      }
    },
    status() {
      const attempt = readSetting(db, 'lastAttempt');
      const parsed = attempt ? (JSON.parse(attempt) as { ok: boolean; error: string | null }) : undefined;
      const skew = readSetting(db, 'clockSkewMs');
      const store = readSetting(db, 'store');
      const names = store ? ((JSON.parse(store) as { names?: RegisterStatus['names'] }).names ?? {}) : {};
      const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      return {
        registerId: identity.registerId,
        storeId: identity.storeId,
        names,
        online: parsed ? parsed.ok : null,
        ...outboxStatus(db),
        lastSyncAt: readSetting(db, 'lastSyncAt') ?? null,
        lastError: parsed?.error ?? null,
        clockSkewMs: skew === undefined ? null : Number(skew),
        catalogItems: count('catalog'),
        rejectedEvents: count('rejected'),
        conflicts: count('conflicts'),
      };
    },
    lastVerdicts() {
      const since = readSetting(db, 'lastPushStartedAt');
      if (since === undefined) return { conflicts: [], rejected: [] };
      const conflicts = db
        .prepare('SELECT event_id, conflict FROM conflicts WHERE judged_at >= ? ORDER BY event_id, conflict_index')
        .all(since) as Array<{ event_id: string; conflict: string }>;
      const rejected = db
        .prepare('SELECT event_id, type, error FROM rejected WHERE judged_at >= ? ORDER BY event_id')
        .all(since) as Array<{ event_id: string; type: string; error: string }>;
      return {
        conflicts: conflicts.map((row) => {
          const found = JSON.parse(row.conflict) as { kind: string; detail: string };
          return { eventId: row.event_id, kind: found.kind, detail: found.detail };
        }),
        rejected: rejected.map((row) => {
          const error = JSON.parse(row.error) as { code: string; reason: string };
          return { eventId: row.event_id, type: row.type, code: error.code, reason: error.reason };
        }),
      };
    },
    async probe() {
      const answered = await ledger.probe();
      noteAttempt(answered ? undefined : new LedgerUnreachableError(`the ledger at ${ledgerUrl} does not answer`));
      return answered;
    },
    close: () => db.close(),
  };
};
