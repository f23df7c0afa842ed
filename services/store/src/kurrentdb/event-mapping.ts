import { jsonEvent, type EventData, type JSONType, type RecordedEvent } from '@kurrent/kurrentdb-client';
import type { CommandRecord, EventEnvelope, StoredEvent } from '@possier/events';
import type { Upcast } from '../upcast.js';
import { encodeLogPosition } from './log-position.js';
import { serverStreamName } from './stream-name.js';

/**
 * The envelope fields kept in a KurrentDB event's JSON metadata: every field but the id, the type
 * and the data, which KurrentDB holds natively (the event id, the event type, the JSON data).
 */
type LedgerMetadata = Omit<EventEnvelope, 'eventId' | 'type' | 'data'> & {
  /** On the first event of a command's batch only: see AppendOptions. Not part of the envelope. */
  command?: CommandRecord;
};

export const toEventData = (envelope: EventEnvelope, command?: CommandRecord): EventData => {
  const metadata: LedgerMetadata = {
    schemaVersion: envelope.schemaVersion,
    streamId: envelope.streamId,
    orgId: envelope.orgId,
    brandId: envelope.brandId,
    storeId: envelope.storeId,
    registerId: envelope.registerId,
    actorId: envelope.actorId,
    occurredAt: envelope.occurredAt,
    causationId: envelope.causationId,
    correlationId: envelope.correlationId,
    ...(command ? { command: { commandId: command.commandId, fingerprint: command.fingerprint } } : {}),
  };
  // The client JSON.stringifies data, and `undefined` has no JSON form: it is stored as null.
  const data = (envelope.data ?? null) as JSONType;
  return jsonEvent({ id: envelope.eventId, type: envelope.type, data, metadata });
};

const ledgerMetadataOf = (event: RecordedEvent): LedgerMetadata | null => {
  const metadata: unknown = event.metadata;
  if (typeof metadata !== 'object' || metadata === null || metadata instanceof Uint8Array) return null;
  const { orgId, streamId, schemaVersion } = metadata as Partial<LedgerMetadata>;
  return typeof orgId === 'string' && typeof streamId === 'string' && typeof schemaVersion === 'number'
    ? (metadata as LedgerMetadata)
    : null;
};

/**
 * True for an event this adapter wrote. `$all` also holds the server's own events (types and
 * streams starting with `$`: projections, stats, stream metadata) and whatever other applications
 * write to the same server; neither is part of the ledger's log. Nor is an envelope kept under
 * another name than its org's stream (a copy, or one written before names carried the org): no
 * read of that org's stream could reach it.
 */
export const isLedgerEvent = (event: RecordedEvent): boolean => {
  if (event.type.startsWith('$') || event.streamId.startsWith('$') || !event.isJson) return false;
  const metadata = ledgerMetadataOf(event);
  return metadata !== null && event.streamId === serverStreamName(metadata);
};

/** The command record kept on an event (the first of its command's batch); null on any other. */
export const commandRecordOf = (event: RecordedEvent): CommandRecord | null => {
  const command = ledgerMetadataOf(event)?.command;
  return typeof command?.commandId === 'string' && typeof command.fingerprint === 'string' ? command : null;
};

/** The org of a stored event; null when the event was not written by this adapter. */
export const orgIdOf = (event: RecordedEvent): string | null => ledgerMetadataOf(event)?.orgId ?? null;

export const toStoredEvent = (event: RecordedEvent, upcast: Upcast): StoredEvent => {
  const metadata = ledgerMetadataOf(event);
  if (metadata === null || !isLedgerEvent(event)) {
    throw new Error(
      `event ${event.id} of stream ${event.streamId} was not written by the ledger (no envelope in its metadata, or not under its org's stream)`,
    );
  }
  const position = event.position;
  if (!position) {
    throw new Error(
      `KurrentDB returned event ${event.id} without its log position: the adapter needs server 22.6 or later`,
    );
  }
  return upcast({
    eventId: event.id,
    type: event.type,
    schemaVersion: metadata.schemaVersion,
    // The envelope's own stream id; the server's name carries the org as well (serverStreamName).
    streamId: metadata.streamId,
    orgId: metadata.orgId,
    brandId: metadata.brandId,
    storeId: metadata.storeId,
    registerId: metadata.registerId,
    actorId: metadata.actorId,
    occurredAt: metadata.occurredAt,
    causationId: metadata.causationId,
    correlationId: metadata.correlationId,
    data: event.data as unknown,
    recordedAt: event.created.toISOString(),
    streamPosition: Number(event.revision),
    // The commit position of the event's record: a byte offset in the transaction file, unique per
    // event (each event of a batch is its own implicitly committed record) and increasing in $all
    // order. Dense it is not; the port only promises increasing.
    globalPosition: Number(position.commit),
    logPosition: encodeLogPosition(position),
  });
};
