import {
  END,
  FORWARDS,
  START,
  type AllStreamRecordedEvent,
  type Direction,
  type Filter,
  type KurrentDBClient,
  type Position,
} from '@kurrent/kurrentdb-client';
import { comparePositions } from './log-position.js';

/**
 * Reads `$all` in pages of `pageSize`, strictly beyond `after` in the read direction. Each page is
 * a bounded read drained before its events are handed out, so a caller that stops early leaves no
 * read open on the server.
 *
 * A forward read from a position includes the event at it, a backward one excludes it; comparing
 * positions makes both strict. The scan ends on a page with nothing new, not on a short page: a
 * filtered read may return fewer events than asked and still not be at the end.
 */
export async function* scanAll(
  client: KurrentDBClient,
  options: { direction: Direction; after?: Position | undefined; filter: Filter; pageSize: number },
): AsyncGenerator<AllStreamRecordedEvent> {
  const { direction, filter } = options;
  // The re-read cursor event takes a slot of every forward page: two is the least that moves on.
  const maxCount = Math.max(2, options.pageSize);
  const isBeyond = (position: Position, cursor: Position): boolean =>
    direction === FORWARDS ? comparePositions(position, cursor) > 0 : comparePositions(position, cursor) < 0;
  let cursor = options.after;
  for (;;) {
    const fromPosition = cursor ?? (direction === FORWARDS ? START : END);
    const page: AllStreamRecordedEvent[] = [];
    for await (const resolved of client.readAll({ direction, fromPosition, maxCount, filter })) {
      const event = resolved.event;
      if (event && (cursor === undefined || isBeyond(event.position, cursor))) page.push(event);
    }
    const last = page.at(-1);
    if (last === undefined) return;
    yield* page;
    cursor = last.position;
  }
}
