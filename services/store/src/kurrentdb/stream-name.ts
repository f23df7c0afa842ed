import type { StreamRef } from '@possier/events';

/**
 * The prefix of every KurrentDB stream of one org. Uuids are lower-cased, so one org spelled in
 * two cases is one prefix.
 */
export const orgStreamPrefix = (orgId: string): string => `${orgId.toLowerCase()}:`;

/**
 * The KurrentDB stream that holds an org's stream: `<orgId>:<streamId>`. A stream id alone names
 * nothing (ids are minted by clients), so two orgs' `order-<uuid>` must be two KurrentDB streams;
 * the server's own idempotency, by event id within a stream, is then per org as well. The org
 * leads so that one prefix holds an org's streams and the server can filter the log on it. A
 * stream id cannot contain `:` (StreamId), so the name is never ambiguous; callers never see it,
 * events carry their own streamId in the metadata.
 */
export const serverStreamName = ({ orgId, streamId }: StreamRef): string => `${orgStreamPrefix(orgId)}${streamId}`;
