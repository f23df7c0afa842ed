import { auditKeyDecider, auditKeyStreamId, foldEvents, type AuditKeyState, type EventStore } from '@possier/events';

/** The org's audit keys as its `audit_key-<orgId>` stream says: which one is current. */
export const readKeyState = async (store: EventStore, orgId: string): Promise<AuditKeyState> => {
  const events = await store.readStream({ orgId, streamId: auditKeyStreamId(orgId) }, { limit: 100_000 });
  return foldEvents(
    auditKeyDecider,
    events.map((event) => ({ type: event.type, data: event.data }) as never),
  );
};
