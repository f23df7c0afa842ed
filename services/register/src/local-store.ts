import Database from 'better-sqlite3';
import { createPrivateFile } from './private-files.js';

/**
 * The register's own database: the outbox of events not yet judged by the ledger, the catalog
 * cache it sells from, the org's customers (to attach them by phone offline), its orders and
 * shifts (as their deciders' folded state), and what the ledger said of past batches. WAL with
 * synchronous=FULL: a sale reported as made survives a power cut, not only a crash of this process.
 */
const SCHEMA = [
  `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE outbox (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id TEXT NOT NULL UNIQUE,
     decision_id TEXT NOT NULL,
     type TEXT NOT NULL,
     envelope TEXT NOT NULL,
     queued_at TEXT NOT NULL
   )`,
  `CREATE TABLE catalog (item_id TEXT PRIMARY KEY, entry TEXT NOT NULL)`,
  `CREATE TABLE orders (
     order_id TEXT PRIMARY KEY,
     shift_id TEXT,
     state TEXT NOT NULL,
     cash_tendered_paise INTEGER NOT NULL,
     change_paise INTEGER NOT NULL,
     placed_at TEXT NOT NULL
   )`,
  `CREATE TABLE shifts (shift_id TEXT PRIMARY KEY, state TEXT NOT NULL, opened_at TEXT NOT NULL)`,
  /** Events the ledger refused, kept for a manager: a sale that happened is never silently dropped. */
  `CREATE TABLE rejected (event_id TEXT PRIMARY KEY, type TEXT NOT NULL, envelope TEXT NOT NULL, error TEXT NOT NULL, judged_at TEXT NOT NULL)`,
  /** What changed while offline, as the ledger found it; the sales stand. */
  `CREATE TABLE conflicts (event_id TEXT NOT NULL, conflict_index INTEGER NOT NULL, conflict TEXT NOT NULL, judged_at TEXT NOT NULL,
     PRIMARY KEY (event_id, conflict_index))`,
  /** The org's active customers, replaced whole on every pull, so an erased customer leaves the till. */
  `CREATE TABLE customers (customer_id TEXT PRIMARY KEY, phone TEXT NOT NULL UNIQUE, name TEXT NOT NULL)`,
  /** Points with the store's brand at the last pull, less what this till redeemed since. */
  `ALTER TABLE customers ADD COLUMN loyalty_points INTEGER NOT NULL DEFAULT 0`,
  /*
   * A shift's takings now live in its state, kept by the drawer workflow from each sale, void and
   * refund; an open shift takes over what its orders' columns summed (refunds were never counted).
   */
  `UPDATE shifts SET state = json_set(state, '$.cashTakings', json_object(
     'cashSalesPaise', (SELECT coalesce(sum(cash_tendered_paise), 0) FROM orders o
                        WHERE o.shift_id = shifts.shift_id AND json_extract(o.state, '$.status') <> 'voided'),
     'changeGivenPaise', (SELECT coalesce(sum(change_paise), 0) FROM orders o
                          WHERE o.shift_id = shifts.shift_id AND json_extract(o.state, '$.status') <> 'voided'),
     'cashRefundsPaise', 0))
   WHERE json_extract(state, '$.status') = 'open'`,
  `ALTER TABLE orders DROP COLUMN cash_tendered_paise`,
  `ALTER TABLE orders DROP COLUMN change_paise`,
  /*
   * The customer cache holds no phone and no full name: a phone is kept as its HMAC under the
   * register's lookup key (sent with each pull), a name as what the till shows. The old table
   * goes whole, phones with it; the next pull fills the new one.
   */
  `DROP TABLE customers`,
  `CREATE TABLE customers (
     customer_id TEXT PRIMARY KEY,
     phone_digest TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     loyalty_points INTEGER NOT NULL DEFAULT 0
   )`,
];

export type LocalStore = Database.Database;

/** The database and the files SQLite keeps beside it in WAL mode. */
export const localStoreFiles = (path: string): string[] => [path, `${path}-wal`, `${path}-shm`];

/**
 * Opens the database at `path`, creating it 0600 (its -wal and -shm follow its mode) and
 * migrating it. Deleted rows are overwritten (`secure_delete`): a customer dropped by a pull
 * leaves nothing behind in a free page. After migrating an existing database the file is
 * rewritten and the WAL emptied, since a migration may have dropped what must not linger.
 */
export const openLocalStore = (path: string): LocalStore => {
  createPrivateFile(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version < SCHEMA.length) {
    db.transaction(() => {
      for (const statement of SCHEMA.slice(version)) db.exec(statement);
      db.pragma(`user_version = ${SCHEMA.length}`);
    })();
    if (version > 0) {
      db.exec('VACUUM');
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
  }
  return db;
};

export const readSetting = (db: LocalStore, key: string): string | undefined =>
  (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;

export const writeSetting = (db: LocalStore, key: string, value: string): void => {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
};
