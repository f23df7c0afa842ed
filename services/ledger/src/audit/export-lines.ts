import {
  AUDIT_EXPORT_FORMAT,
  AUDIT_EXPORT_VERSION,
  auditDayStreamId,
  auditKeyStreamId,
  canonicalJson,
  type AuditExportHeader,
  type AuditRecord,
  type LogPosition,
} from '@possier/events';
import type { AuditLog, BusinessDates } from '@possier/store';
import { stringify } from 'csv-stringify/sync';
import type { StoredSeal } from './day-seals.js';
import { historyEntry } from './history-entry.js';

const PAGE = 1_000;

/**
 * What an export holds: the store's events of the business dates `from` to `to` (in `timeZone`)
 * stored up to `through`, and `seals`, the seals of those dates.
 */
export type ExportRequest = {
  scope: { orgId: string; storeId: string };
  dates: BusinessDates;
  through: LogPosition | null;
  seals: ReadonlyArray<StoredSeal>;
};

/** The columns of the CSV export: the JSON Lines fields, with times also on the store's clock. */
const CSV_COLUMNS = [
  'logPosition',
  'globalPosition',
  'streamId',
  'streamPosition',
  'eventId',
  'type',
  'schemaVersion',
  'orgId',
  'brandId',
  'storeId',
  'registerId',
  'actorId',
  'occurredAt',
  'occurredAtUtc',
  'occurredAtLocal',
  'recordedAt',
  'recordedAtLocal',
  'causationId',
  'correlationId',
  'data',
  'hash',
  'prevHash',
] as const;

/**
 * An export as records, read a page at a time: the org's key rotations, the store's events of the
 * dates and the seals of those dates, in global log order. The events are paged by log position;
 * the keys and seals (few) are merged in between them.
 */
export const exportRecords = async (
  log: AuditLog,
  request: ExportRequest,
): Promise<{ count: number; records: () => AsyncGenerator<AuditRecord> }> => {
  const { scope, dates, through } = request;
  const keys = await log.stream(scope.orgId, auditKeyStreamId(scope.orgId));
  const sealIds = new Set(request.seals.map((seal) => seal.eventId));
  const seals = (await log.stream(scope.orgId, auditDayStreamId(scope.storeId))).filter((record) =>
    sealIds.has(record.eventId),
  );
  const extra = [...keys, ...seals].sort((left, right) => (left.logPosition < right.logPosition ? -1 : 1));
  const spanQuery = { orgId: scope.orgId, storeId: scope.storeId, after: null, through, dates };
  const events = through === null ? 0 : await log.countStoreSpan(spanQuery);

  async function* records(): AsyncGenerator<AuditRecord> {
    const pending = [...extra];
    let after: LogPosition | null = null;
    while (through !== null) {
      const page = await log.storeSpan({ ...spanQuery, after, limit: PAGE });
      for (const record of page) {
        while (pending[0] && pending[0].logPosition < record.logPosition) yield pending.shift() as AuditRecord;
        yield record;
      }
      if (page.length < PAGE) break;
      after = (page.at(-1) as AuditRecord).logPosition;
    }
    yield* pending;
  }
  return { count: extra.length + events, records };
};

export async function* jsonLines(
  header: Omit<AuditExportHeader, 'format' | 'version'>,
  records: AsyncIterable<AuditRecord>,
): AsyncGenerator<string> {
  yield `${JSON.stringify({ format: AUDIT_EXPORT_FORMAT, version: AUDIT_EXPORT_VERSION, ...header } satisfies AuditExportHeader)}\n`;
  for await (const record of records) yield `${JSON.stringify(record)}\n`;
}

/** For spreadsheets: one row per record, data as canonical JSON in one cell. Verify the JSON Lines export, not this. */
export async function* csvLines(records: AsyncIterable<AuditRecord>, timeZone: string): AsyncGenerator<string> {
  yield stringify([[...CSV_COLUMNS]]);
  for await (const record of records) {
    const entry = { ...historyEntry(record, timeZone), orgId: record.orgId, data: canonicalJson(record.data) };
    yield stringify([CSV_COLUMNS.map((column) => entry[column] ?? null)]);
  }
}
