import {
  AUDIT_EXPORT_FORMAT,
  auditDayStreamId,
  auditKeyStreamId,
  canonicalJson,
  type AuditExportHeader,
  type AuditRecord,
} from '@possier/events';
import type { AuditLog } from '@possier/store';
import { stringify } from 'csv-stringify/sync';
import type { DaySpan } from './day-spans.js';
import { historyEntry } from './history-entry.js';

const PAGE = 1_000;

export type ExportRequest = { scope: { orgId: string; storeId: string }; span: DaySpan };

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
 * An export as lines, read a page at a time: the org's key rotations and the store's events over
 * the span, in global log order, and the seals of the span's days (the last of which lies just
 * after the span). Records that lie outside the span are merged in by log position.
 */
export const exportRecords = async (
  log: AuditLog,
  request: ExportRequest,
): Promise<{ count: number; records: () => AsyncGenerator<AuditRecord> }> => {
  const { scope, span } = request;
  const keys = await log.stream(scope.orgId, auditKeyStreamId(scope.orgId));
  const beyond = span.seals.filter((seal) => span.through === null || seal.logPosition > span.through);
  const beyondRecords = (await log.stream(scope.orgId, auditDayStreamId(scope.storeId))).filter((record) =>
    beyond.some((seal) => seal.eventId === record.eventId),
  );
  const extra = [...keys, ...beyondRecords].sort((left, right) => (left.logPosition < right.logPosition ? -1 : 1));
  const spanQuery = { orgId: scope.orgId, storeId: scope.storeId, after: span.after, through: span.through };
  const inSpan = span.through === null ? 0 : await log.countStoreSpan(spanQuery);

  async function* records(): AsyncGenerator<AuditRecord> {
    const pending = [...extra];
    let after = span.after;
    while (span.through !== null) {
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
  return { count: extra.length + inSpan, records };
};

export async function* jsonLines(
  header: Omit<AuditExportHeader, 'format' | 'version'>,
  records: AsyncIterable<AuditRecord>,
): AsyncGenerator<string> {
  yield `${JSON.stringify({ format: AUDIT_EXPORT_FORMAT, version: 1, ...header } satisfies AuditExportHeader)}\n`;
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
