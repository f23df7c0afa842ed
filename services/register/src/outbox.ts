import { envelopeEvents, eventRegistry, type EventEnvelope } from '@possier/events';
import type { LocalStore } from './local-store.js';
import { localOffsetDateTime } from './local-time.js';
import { mintId, type RegisterClock } from './register-clock.js';
import type { RegisterIdentity } from './register-identity.js';

export type QueuedDecision = { decisionId: string; events: EventEnvelope[] };

/**
 * Records a decision: envelopes its events as this register, at this moment, and queues them in
 * the outbox for the sync to push. `also` writes the state the events lead to in the same SQLite
 * transaction, so a crash leaves both or neither.
 */
export type RecordDecision = (
  streamId: string,
  events: ReadonlyArray<{ type: string; data: unknown }>,
  also: (envelopes: EventEnvelope[], occurredAt: string) => void,
) => QueuedDecision;

export const createOutbox = (db: LocalStore, identity: RegisterIdentity, clock: RegisterClock): RecordDecision => {
  const insertOutbox = db.prepare(
    'INSERT INTO outbox (event_id, decision_id, type, envelope, queued_at) VALUES (?, ?, ?, ?, ?)',
  );
  return (streamId, events, also) => {
    const commandId = mintId(clock);
    const occurredAt = localOffsetDateTime(clock.now());
    const envelopes = envelopeEvents(events, {
      streamId,
      eventIds: events.map(() => mintId(clock)),
      schemaVersionOf: (type) => eventRegistry.currentVersion(type),
      metadata: {
        orgId: identity.orgId,
        brandId: identity.brandId,
        storeId: identity.storeId,
        registerId: identity.registerId,
        actorId: identity.registerId,
        occurredAt,
        causationId: commandId,
        correlationId: commandId,
      },
    });
    db.transaction(() => {
      const queuedAt = clock.now().toISOString();
      for (const envelope of envelopes) {
        insertOutbox.run(envelope.eventId, commandId, envelope.type, JSON.stringify(envelope), queuedAt);
      }
      also(envelopes, occurredAt);
    })();
    return { decisionId: commandId, events: envelopes };
  };
};
