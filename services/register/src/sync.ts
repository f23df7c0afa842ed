import { mintUuidV7, type EventEnvelope, type OfflineConflict, type ReplayVerdict } from '@possier/events';
import { readSetting, writeSetting, type LocalStore } from './local-store.js';
import { localOffsetDateTime } from './local-time.js';
import type { LedgerClient } from './ledger-client.js';
import type { RegisterClock, RegisterIdentity } from './register.js';

/** At most this many events per replayed batch; the ledger accepts 500. */
export const BATCH_EVENTS = 500;

type OutboxRow = { seq: number; event_id: string; decision_id: string; envelope: string };

export type PushProgress = { pushed: number; remaining: number };

export type PushSummary = {
  batches: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  conflicts: number;
};

/**
 * The oldest whole decisions of the outbox, up to BATCH_EVENTS events: a decision is appended or
 * refused as a unit by the ledger, so a batch never splits one.
 */
const nextBatch = (db: LocalStore): OutboxRow[] => {
  const rows = db
    .prepare('SELECT seq, event_id, decision_id, envelope FROM outbox ORDER BY seq LIMIT ?')
    .all(BATCH_EVENTS + 1) as OutboxRow[];
  if (rows.length <= BATCH_EVENTS) return rows;
  const batch = rows.slice(0, BATCH_EVENTS);
  const cut = (rows[BATCH_EVENTS] as OutboxRow).decision_id;
  const whole = batch.filter((row) => row.decision_id !== cut);
  return whole.length > 0 ? whole : batch;
};

/** The outbox's size and oldest entry; beyond `afterSeq`, those still queued behind a batch in flight. */
export const outboxStatus = (db: LocalStore, afterSeq = 0): { queuedEvents: number; oldestQueuedAt: string | null } => {
  const row = db
    .prepare('SELECT count(*) AS queued, min(queued_at) AS oldest FROM outbox WHERE seq > ?')
    .get(afterSeq) as {
    queued: number;
    oldest: string | null;
  };
  return { queuedEvents: row.queued, oldestQueuedAt: row.oldest };
};

/**
 * Applies the ledger's verdicts in one transaction: every judged row leaves the outbox; a refused
 * event moves to `rejected` with the ledger's reason and conflicts are kept, both for a manager.
 * A verdict for an event not in the outbox (already applied by an earlier answer) changes nothing.
 */
const applyVerdicts = (
  db: LocalStore,
  rows: ReadonlyArray<OutboxRow>,
  verdicts: ReadonlyArray<ReplayVerdict>,
  at: string,
) => {
  const byId = new Map(rows.map((row) => [row.event_id, row]));
  const remove = db.prepare('DELETE FROM outbox WHERE event_id = ?');
  const reject = db.prepare(
    'INSERT OR REPLACE INTO rejected (event_id, type, envelope, error, judged_at) VALUES (?, ?, ?, ?, ?)',
  );
  const conflict = db.prepare(
    'INSERT OR REPLACE INTO conflicts (event_id, conflict_index, conflict, judged_at) VALUES (?, ?, ?, ?)',
  );
  const counts = { accepted: 0, duplicate: 0, rejected: 0, conflicts: 0 };
  db.transaction(() => {
    for (const verdict of verdicts) {
      const row = byId.get(verdict.eventId);
      if (!row) continue;
      if (verdict.verdict === 'rejected') {
        const envelope = JSON.parse(row.envelope) as EventEnvelope;
        reject.run(row.event_id, envelope.type, row.envelope, JSON.stringify(verdict.error), at);
        counts.rejected += 1;
      } else if (verdict.verdict === 'accepted_with_conflict') {
        verdict.conflicts.forEach((found: OfflineConflict, index) =>
          conflict.run(row.event_id, index, JSON.stringify(found), at),
        );
        counts.accepted += 1;
        counts.conflicts += verdict.conflicts.length;
      } else {
        counts[verdict.verdict] += 1;
      }
      remove.run(row.event_id);
    }
    writeSetting(db, 'lastSyncAt', at);
  })();
  return counts;
};

/**
 * Pushes the outbox to the ledger, oldest first, until it is empty. A row leaves only once the
 * ledger has judged it; if the answer is lost (the ledger stopped after its commit, the network
 * dropped), the rows stay, are sent again, and come back as duplicates: stored once in effect.
 * Throws LedgerUnreachableError when the ledger cannot be reached; what was judged stays judged.
 */
export const pushOutbox = async (
  db: LocalStore,
  ledger: LedgerClient,
  identity: RegisterIdentity,
  clock: RegisterClock,
  onProgress?: (progress: PushProgress) => void,
): Promise<PushSummary> => {
  const summary: PushSummary = { batches: 0, accepted: 0, duplicate: 0, rejected: 0, conflicts: 0 };
  let pushed = 0;
  for (;;) {
    const rows = nextBatch(db);
    if (rows.length === 0) return summary;
    const response = await ledger.replay({
      registerId: identity.registerId,
      batchId: mintUuidV7({ msecs: clock.now().getTime(), random: clock.random() }),
      events: rows.map((row) => JSON.parse(row.envelope) as EventEnvelope),
      // What will still be queued once this batch is judged: the operators' view of who is behind.
      outbox: outboxStatus(db, (rows.at(-1) as OutboxRow).seq),
      // The till's clock, so the ledger can measure how far off it is and place the sales right.
      registerClock: localOffsetDateTime(clock.now()),
    });
    if (response.clockSkewMs !== undefined) writeSetting(db, 'clockSkewMs', String(response.clockSkewMs));
    const counts = applyVerdicts(db, rows, response.verdicts, clock.now().toISOString());
    summary.batches += 1;
    summary.accepted += counts.accepted;
    summary.duplicate += counts.duplicate;
    summary.rejected += counts.rejected;
    summary.conflicts += counts.conflicts;
    pushed += rows.length;
    onProgress?.({ pushed, remaining: outboxStatus(db).queuedEvents });
    if (counts.accepted + counts.duplicate + counts.rejected === 0) {
      throw new Error(`the ledger judged none of the ${rows.length} events sent in batch ${summary.batches}`);
    }
  }
};

/**
 * Brings the catalog cache up to date from the ledger, in one transaction: a complete answer
 * replaces the cache, a partial one updates the entries it names.
 */
export const pullCatalog = async (
  db: LocalStore,
  ledger: LedgerClient,
  identity: RegisterIdentity,
): Promise<number> => {
  const after = readSetting(db, 'catalogPosition');
  const pulled = await ledger.pullCatalog(identity.registerId, after);
  const upsert = db.prepare(
    'INSERT INTO catalog (item_id, entry) VALUES (?, ?) ON CONFLICT (item_id) DO UPDATE SET entry = excluded.entry',
  );
  db.transaction(() => {
    if (pulled.complete) db.prepare('DELETE FROM catalog').run();
    for (const entry of pulled.entries) upsert.run(entry.itemId, JSON.stringify(entry));
    writeSetting(db, 'store', JSON.stringify(pulled.store));
    if (pulled.position !== null) writeSetting(db, 'catalogPosition', pulled.position);
  })();
  return pulled.entries.length;
};

/**
 * Replaces the customer cache with the org's active customers, in one transaction: whoever was
 * erased since the last pull is gone from the till afterwards. Phones arrive as digests under the
 * register's lookup key, which is kept with them so a phone typed offline can be hashed alike.
 */
export const pullCustomers = async (
  db: LocalStore,
  ledger: LedgerClient,
  identity: RegisterIdentity,
): Promise<number> => {
  const pulled = await ledger.pullCustomers(identity.registerId);
  const insert = db.prepare(
    'INSERT INTO customers (customer_id, phone_digest, display_name, loyalty_points) VALUES (?, ?, ?, ?)',
  );
  db.transaction(() => {
    db.prepare('DELETE FROM customers').run();
    for (const customer of pulled.customers)
      insert.run(customer.customerId, customer.phoneDigest, customer.displayName, customer.loyaltyPoints ?? 0);
    writeSetting(db, 'phoneLookupKey', pulled.phoneLookupKey);
    writeSetting(db, 'loyaltyRule', JSON.stringify(pulled.loyaltyRule ?? null));
  })();
  return pulled.customers.length;
};
