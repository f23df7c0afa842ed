import {
  START,
  type AllStreamRecordedEvent,
  type Filter,
  type KurrentDBClient,
  type Position,
} from '@kurrent/kurrentdb-client';
import type { AbortSignalLike } from '@possier/events';
import { comparePositions } from './log-position.js';

/**
 * Follows `$all` strictly after `after` (catch-up, then live) until `signal` aborts or the caller
 * stops iterating; either way the server subscription is cancelled.
 *
 * An abort must end the iteration even while no event arrives, so each wait races the next event
 * against the abort instead of relying on the cancelled gRPC stream to end the iterator. The
 * `after` check is kept although the server already starts after the position: it costs nothing
 * and does not depend on the server's inclusive/exclusive convention.
 */
export async function* subscribeAfter(
  client: KurrentDBClient,
  options: { after: Position | undefined; filter: Filter; signal: AbortSignalLike | undefined },
): AsyncGenerator<AllStreamRecordedEvent> {
  const { after, filter, signal } = options;
  if (signal?.aborted) return;
  const subscription = client.subscribeToAll({ fromPosition: after ?? START, filter });
  const events = subscription[Symbol.asyncIterator]();
  let stop = (): void => undefined;
  const stopped = new Promise<IteratorReturnResult<undefined>>((resolve) => {
    stop = () => resolve({ done: true, value: undefined });
  });
  signal?.addEventListener('abort', stop);
  try {
    while (!signal?.aborted) {
      const next = await Promise.race([stopped, events.next()]);
      if (next.done) return;
      const event = next.value.event;
      if (event && (after === undefined || comparePositions(event.position, after) > 0)) yield event;
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    // A subscription that never connected has nothing to cancel; its error is not the caller's.
    await subscription.unsubscribe().catch(() => undefined);
    // A next() still pending settles against the destroyed stream; Promise.race has already
    // attached its handlers, so that settles nothing unhandled.
    subscription.destroy();
  }
}
