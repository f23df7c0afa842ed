import {
  auditDayStreamId,
  DAY_SEAL_TYPES,
  DaySeal,
  type EventStore,
  type LogPosition,
  type SealSummary,
} from '@possier/events';

export type StoredSeal = { eventId: string; type: string; logPosition: LogPosition; data: DaySeal };

export const sealSummary = (seal: StoredSeal): SealSummary => ({
  businessDate: seal.data.businessDate,
  eventId: seal.eventId,
  amendment: seal.data.amendment,
  eventCount: seal.data.eventCount,
  merkleRoot: seal.data.merkleRoot,
  keyId: seal.data.keyId,
});

/**
 * The seals of an org's store whose business date lies from `from` to `to`: each date's close and
 * its amendments, in the order they were sealed (read upcast: a version 1 close reads as its date's).
 */
export const readSeals = async (
  store: EventStore,
  orgId: string,
  storeId: string,
  from: string,
  to: string,
): Promise<StoredSeal[]> => {
  const events = await store.readStream({ orgId, streamId: auditDayStreamId(storeId) }, { limit: 1_000_000 });
  return events
    .filter((event) => DAY_SEAL_TYPES.includes(event.type))
    .map((event) => ({
      eventId: event.eventId,
      type: event.type,
      logPosition: event.logPosition,
      data: DaySeal.parse(event.data),
    }))
    .filter((seal) => seal.data.businessDate >= from && seal.data.businessDate <= to);
};
