import type { StoredEvent } from '@possier/events';

export class StorelessEventError extends Error {
  override readonly name = 'StorelessEventError';
  constructor(readonly eventId: string) {
    super(`event ${eventId} belongs to a store but its envelope names none`);
  }
}

/**
 * The store of an event whose data does not name one (a tender, a cash movement). The ledger sets
 * the envelope's store from the stream's own state, never from the request, so it is the store the
 * sale or shift belongs to.
 */
export const envelopeStoreId = (event: StoredEvent): string => {
  if (event.storeId === null) throw new StorelessEventError(event.eventId);
  return event.storeId;
};
