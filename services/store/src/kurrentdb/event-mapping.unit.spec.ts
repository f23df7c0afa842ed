import type { EventData, RecordedEvent } from '@kurrent/kurrentdb-client';
import type { EventEnvelope } from '@possier/events';
import { describe, expect, it } from 'vitest';
import { isLedgerEvent, toEventData, toStoredEvent } from './event-mapping.js';
import { logMatcher, serverFilter } from './log-filter.js';
import { serverStreamName } from './stream-name.js';

const ORG = '0193a000-0000-7000-8000-0000000000a1';
const OTHER_ORG = '0193a000-0000-7000-8000-0000000000a2';

const envelope: EventEnvelope = {
  eventId: '0193a000-0000-7000-8000-000000000e01',
  type: 'OrderPlaced',
  schemaVersion: 1,
  streamId: 'order-0193a000-0000-7000-8000-000000000001',
  orgId: ORG,
  brandId: null,
  storeId: '0193a000-0000-7000-8000-0000000000b1',
  registerId: null,
  actorId: '0193a000-0000-7000-8000-0000000000ac',
  occurredAt: '2026-11-24T13:05:00.123+05:30',
  causationId: null,
  correlationId: '0193a000-0000-7000-8000-0000000000cc',
  data: { totalPaise: 12_345, lines: [{ sku: 'DOSA', quantity: 2 }] },
};

/** What the server hands back for an appended event: the client's JSON round trip of data and metadata. */
const storedAs = (event: EventData, place: { revision: bigint; commit: bigint; streamId?: string }): RecordedEvent =>
  ({
    streamId: place.streamId ?? serverStreamName(envelope),
    id: event.id,
    isJson: event.contentType === 'application/json',
    revision: place.revision,
    type: event.type,
    created: new Date('2026-11-24T07:35:00.456Z'),
    data: JSON.parse(JSON.stringify(event.data)) as unknown,
    metadata: JSON.parse(JSON.stringify(event.metadata)) as unknown,
    position: { commit: place.commit, prepare: place.commit },
  }) as RecordedEvent;

const identity = <T>(event: T): T => event;

describe('KurrentDB event mapping', () => {
  it('round-trips the whole envelope: id, type and data natively, the rest as JSON metadata', () => {
    const data = toEventData(envelope);
    expect(data).toMatchObject({
      id: envelope.eventId,
      type: 'OrderPlaced',
      contentType: 'application/json',
      data: envelope.data,
    });
    expect(data.metadata).not.toHaveProperty('eventId');
    expect(data.metadata).not.toHaveProperty('data');

    const stored = toStoredEvent(storedAs(data, { revision: 4n, commit: 0x1234n }), identity);
    const { recordedAt, streamPosition, globalPosition, logPosition, ...asAppended } = stored;
    // The envelope's own stream id comes back, not the server's name with the org in it.
    expect(asAppended).toEqual(envelope);
    expect({ recordedAt, streamPosition, globalPosition, logPosition }).toEqual({
      recordedAt: '2026-11-24T07:35:00.456Z',
      streamPosition: 4,
      globalPosition: 0x1234,
      logPosition: '0000000000001234-0000000000001234',
    });
  });

  it('stores absent data as JSON null, since the client cannot serialise undefined', () => {
    expect(toEventData({ ...envelope, data: undefined }).data).toBeNull();
  });

  it("keeps the server's own events and other applications' events out of the ledger's log", () => {
    const ours = storedAs(toEventData(envelope), { revision: 0n, commit: 10n });
    expect(isLedgerEvent(ours)).toBe(true);
    expect(isLedgerEvent({ ...ours, type: '$metadata' })).toBe(false);
    expect(isLedgerEvent({ ...ours, streamId: '$projections-$all' })).toBe(false);
    expect(isLedgerEvent({ ...ours, metadata: { correlationId: 'x' } } as RecordedEvent)).toBe(false);
    expect(isLedgerEvent({ ...ours, metadata: undefined } as RecordedEvent)).toBe(false);
    // An envelope under a name that is not its org's stream: no read of that stream reaches it.
    expect(isLedgerEvent({ ...ours, streamId: envelope.streamId })).toBe(false);
    expect(isLedgerEvent({ ...ours, streamId: serverStreamName({ ...envelope, orgId: OTHER_ORG }) })).toBe(false);
    expect(() => toStoredEvent({ ...ours, metadata: undefined } as RecordedEvent, identity)).toThrow(
      /not written by the ledger/,
    );
  });

  it("filters an org's stream names or else types on the server, and org and type again in the client", () => {
    expect(serverFilter({ types: ['OrderPlaced', 'Odd.Type'] })).toMatchObject({
      filterOn: 'eventType',
      regex: '^(?:OrderPlaced|Odd\\.Type)$',
    });
    expect(serverFilter({ orgId: ORG, types: ['OrderPlaced'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: [`${ORG}:`],
    });
    expect(serverFilter({})).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });

    const ours = storedAs(toEventData(envelope), { revision: 0n, commit: 10n });
    expect(logMatcher({ orgId: ORG, types: ['OrderPlaced'] })(ours)).toBe(true);
    expect(logMatcher({ orgId: ORG.toUpperCase() })(ours)).toBe(true);
    expect(logMatcher({ orgId: OTHER_ORG })(ours)).toBe(false);
    expect(logMatcher({ types: ['OrderPlacedV2'] })(ours)).toBe(false);
    expect(logMatcher(undefined)({ ...ours, type: '$statsCollected' })).toBe(false);
  });
});
