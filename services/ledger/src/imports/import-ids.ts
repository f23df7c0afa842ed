import { createHash } from 'node:crypto';
import { mintUuidV7, type ImportedOrder, type ImportedOrderIds } from '@possier/events';

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** A UUID (version 8, RFC 9562's custom layout) named by SHA-256 of `text`: the same text, the same id. */
const hashedUuid = (text: string): string => {
  const bytes = sha256(text).subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * The import of a file into a store: derived from the org, the store and the file's SHA-256, so
 * the same file brought into the same store again resumes the same import (and its orders keep
 * their ids), while another store, another file or another org's import is another import.
 */
export const salesImportId = (orgId: string, storeId: string, fileSha256: string): string =>
  hashedUuid(`sales-import:${orgId}:${storeId}:${fileSha256}`);

/**
 * An imported order's ids, derived from (org, import, the file's order number): a re-run after an
 * interruption names the same order, lines and payment, so the store finds it there already.
 */
export const importedOrderIds = (orgId: string, importId: string, order: ImportedOrder): ImportedOrderIds => {
  const base = `imported-order:${orgId}:${importId}:${order.orderNumber}`;
  return {
    orderId: hashedUuid(base),
    lineIds: order.lines.map((_, index) => hashedUuid(`${base}:line:${index}`)),
    paymentId: hashedUuid(`${base}:payment`),
  };
};

/** The id of the command an imported order stands for: what its events name as their cause. */
export const importedOrderCommandId = (orgId: string, importId: string, orderNumber: string): string =>
  hashedUuid(`imported-order:${orgId}:${importId}:${orderNumber}:command`);

/**
 * Event ids (UUIDv7, as every event id is) for an imported order's events: the sale's own time
 * and SHA-256 of (org, import, order number, index), so a re-run mints the same ids.
 */
export const importedEventIds = (
  orgId: string,
  importId: string,
  orderNumber: string,
  occurredAt: string,
  count: number,
): string[] =>
  Array.from({ length: count }, (_, index) =>
    mintUuidV7({
      msecs: Date.parse(occurredAt),
      random: sha256(`imported-event:${orgId}:${importId}:${orderNumber}:${index}`).subarray(0, 16),
    }),
  );

/** An event of the import's own stream: its time now, its bits from what it records. */
export const importRecordId = (importId: string, what: string, now: Date): string =>
  mintUuidV7({ msecs: now.getTime(), random: sha256(`sales-import-record:${importId}:${what}`).subarray(0, 16) });
