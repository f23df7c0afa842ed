import { DomainError, normaliseIndianPhone, type CatalogEntry, type LoyaltyRule } from '@possier/events';
import { createHmac } from 'node:crypto';
import { readSetting, type LocalStore } from './local-store.js';
import { SaleRefusedError } from './sale-refused-error.js';

/** What the register knows of its store, from its last catalog pull. */
export type StoreFacts = { storeId: string; brandId: string; stateCode: string; timeZone: string };

/** A cached customer found by phone; `phone` is the one typed, normalised: the cache does not hold it. */
export type CachedCustomer = { customerId: string; displayName: string; phone: string; loyaltyPoints: number };

export type TillCache = ReturnType<typeof createTillCache>;

/** HMAC-SHA256 of an E.164 phone under the register's lookup key (base64), as the ledger computes it for the pull. */
const phoneDigest = (keyBase64: string, phone: string): string =>
  createHmac('sha256', Buffer.from(keyBase64, 'base64')).update(phone).digest('base64');

/**
 * What the till last pulled from the ledger (sync.ts writes it): its store, the catalog, the org's
 * customers and the brand's loyalty rule. A till decides offline on these, so they may be stale;
 * the ledger judges every decision again on replay.
 */
export const createTillCache = (db: LocalStore) => ({
  storeFacts(): StoreFacts {
    const stored = readSetting(db, 'store');
    if (!stored) {
      throw new SaleRefusedError(
        new DomainError(
          'REGISTER.NO_CATALOG',
          'catalog',
          'the register has never pulled its catalog; sync once online',
        ),
      );
    }
    return JSON.parse(stored) as StoreFacts;
  },

  /** The cached entries of these items; an item the till has not pulled is absent. */
  catalogFor(itemIds: ReadonlyArray<string>): Record<string, CatalogEntry> {
    const select = db.prepare('SELECT entry FROM catalog WHERE item_id = ?');
    const entries: Record<string, CatalogEntry> = {};
    for (const itemId of new Set(itemIds)) {
      const row = select.get(itemId) as { entry: string } | undefined;
      if (row) entries[itemId] = JSON.parse(row.entry) as CatalogEntry;
    }
    return entries;
  },

  /** Whether the ledger last listed this customer; an erased one is gone after the next pull. */
  hasCustomer(customerId: string): boolean {
    return db.prepare('SELECT customer_id FROM customers WHERE customer_id = ?').get(customerId) !== undefined;
  },

  /**
   * The org's customer with this phone, however it is typed: the phone is hashed under the
   * register's lookup key and matched against the digests the ledger sent.
   */
  findCustomer(phone: string): CachedCustomer | undefined {
    const normalised = normaliseIndianPhone(phone);
    const key = readSetting(db, 'phoneLookupKey');
    if (normalised === null || key === undefined) return undefined;
    const row = db
      .prepare('SELECT customer_id, display_name, loyalty_points FROM customers WHERE phone_digest = ?')
      .get(phoneDigest(key, normalised)) as
      { customer_id: string; display_name: string; loyalty_points: number } | undefined;
    return (
      row && {
        customerId: row.customer_id,
        displayName: row.display_name,
        phone: normalised,
        loyaltyPoints: row.loyalty_points,
      }
    );
  },

  /** Points with the brand as of the last pull, less what this till redeemed since. */
  points(customerId: string): number | undefined {
    return (
      db.prepare('SELECT loyalty_points FROM customers WHERE customer_id = ?').get(customerId) as
        { loyalty_points: number } | undefined
    )?.loyalty_points;
  },

  /** Takes redeemed points off the cached balance, so this till cannot spend them twice before the next pull. */
  spendPoints(customerId: string, points: number): void {
    db.prepare('UPDATE customers SET loyalty_points = loyalty_points - ? WHERE customer_id = ?').run(
      points,
      customerId,
    );
  },

  /** The brand's loyalty rule; null when it has none, or none was ever pulled. */
  loyaltyRule(): LoyaltyRule | null {
    return JSON.parse(readSetting(db, 'loyaltyRule') ?? 'null') as LoyaltyRule | null;
  },
});
