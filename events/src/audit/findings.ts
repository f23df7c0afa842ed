/**
 * One thing an audit verification found wrong, located as precisely as the evidence allows: the
 * line of the export and the event on it when one event is to blame, else the sealed day or key.
 */
export type Finding = {
  /** Stable: `CHAIN.HASH_MISMATCH`, `SEAL.BAD_SIGNATURE`, … (docs/audit.md lists them). */
  code: string;
  /** 1-based line of the export file, when the finding is about one line. */
  line: number | null;
  eventId: string | null;
  /** Where, for a person: `event … (order-…, position 2, OrderPlaced)` or `seal of store … 2026-11-24`. */
  place: string;
  reason: string;
};

/** The part of a record the checks after the first pass need; the data of ordinary events is let go. */
export type RecordSummary = {
  line: number;
  eventId: string;
  type: string;
  streamId: string;
  streamPosition: number;
  storeId: string | null;
  /** The sale time, which places the event on its business date. */
  occurredAt: string;
  logPosition: string;
  hash: string | null;
  prevHash: string | null;
};

export const describeEvent = (record: Pick<RecordSummary, 'eventId' | 'streamId' | 'streamPosition' | 'type'>) =>
  `event ${record.eventId} (${record.streamId}, position ${record.streamPosition}, ${record.type})`;

export const eventFinding = (record: RecordSummary, code: string, reason: string): Finding => ({
  code,
  line: record.line,
  eventId: record.eventId,
  place: describeEvent(record),
  reason,
});
