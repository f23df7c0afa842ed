import type { EventStore } from '@possier/events';
import { describe, expect, it } from 'vitest';
import { envelope, uniqueOrg, uniqueStream } from './fixtures.js';
import type { ConformanceSubject } from './subject.js';

/**
 * The sequence-gap problem, made deterministic: two appends held open in their transactions, the
 * one with the lower position committing last. A reader that trusted positions alone would hand
 * out the higher one first and then never see the lower one.
 */
export const describeOrdering = (subject: ConformanceSubject, store: () => EventStore): void => {
  const holdAppend = subject.holdAppend;
  if (!holdAppend) return;

  describe('gap-free global order', () => {
    it('never hands out a later event while an earlier-numbered one is still uncommitted, and then hands out both', async () => {
      const orgId = uniqueOrg();
      const [streamA, streamB] = [uniqueStream(), uniqueStream()];
      const before = envelope(streamA, orgId, { n: 'before' });
      await store().append({ orgId, streamId: streamA }, 'no_stream', [before]);

      const early = await holdAppend({ orgId, streamId: streamA }, [envelope(streamA, orgId, { n: 'early' })]);
      const late = await holdAppend({ orgId, streamId: streamB }, [envelope(streamB, orgId, { n: 'late' })]);
      try {
        await late.commit();
        // 'late' is committed with the higher position, but 'early' may still commit below it:
        // a reader must not move past 'early' yet.
        const whileHeld = await store().readAll({ filter: { orgId } });
        expect(whileHeld.map((event) => event.data)).toEqual([{ n: 'before' }]);
        const checkpoint = whileHeld[0]?.logPosition;

        await early.commit();
        const afterCommit = await store().readAll({ after: checkpoint, filter: { orgId } });
        expect(afterCommit.map((event) => event.data)).toEqual([{ n: 'early' }, { n: 'late' }]);
      } finally {
        await early.rollback().catch(() => undefined);
        await late.rollback().catch(() => undefined);
      }
    });

    it('a live subscriber waits for the earlier transaction and then sees both, the earlier first', async () => {
      const orgId = uniqueOrg();
      const [streamA, streamB] = [uniqueStream(), uniqueStream()];
      const early = await holdAppend({ orgId, streamId: streamA }, [envelope(streamA, orgId, { n: 'early' })]);
      const late = await holdAppend({ orgId, streamId: streamB }, [envelope(streamB, orgId, { n: 'late' })]);
      const controller = new AbortController();
      const seen: unknown[] = [];
      const following = (async () => {
        for await (const event of store().subscribeAll({ filter: { orgId }, signal: controller.signal })) {
          seen.push(event.data);
          if (seen.length === 2) break;
        }
      })();
      try {
        await late.commit();
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(seen).toEqual([]);
        await early.commit();
        await following;
        expect(seen).toEqual([{ n: 'early' }, { n: 'late' }]);
      } finally {
        controller.abort();
        await early.rollback().catch(() => undefined);
        await late.rollback().catch(() => undefined);
      }
    });
  });
};
