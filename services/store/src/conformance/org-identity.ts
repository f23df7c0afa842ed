import { EventIdConflictError, WrongExpectedVersionError, type EventEnvelope, type EventStore } from '@possier/events';
import { describe, expect, it } from 'vitest';
import { batchOf, envelope, uniqueOrg, uniqueStream } from './fixtures.js';
import { rejection } from './rejection.js';
import type { ConformanceSubject } from './subject.js';

/** Everything a refusal tells its caller: its message and every field it carries. */
const textOf = (refusal: unknown): string => `${String(refusal)} ${JSON.stringify(refusal)}`;

/**
 * Identity is (org, id). Ids are minted by clients, offline too, so the same stream name or event
 * id in two orgs names two unrelated things: nothing one org stores may change what another is
 * answered (versions, duplicate, conflict), block what it appends, or show up in what it reads or
 * in the text of a refusal it gets.
 */
export const describeOrgIdentity = (subject: ConformanceSubject, store: () => EventStore): void => {
  describe('identity is (org, id)', () => {
    it("keeps two orgs' streams of one name apart: versions, expected versions and events", async () => {
      const streamId = uniqueStream('order');
      const [orgA, orgB] = [uniqueOrg(), uniqueOrg()];
      const ofA = { orgId: orgA, streamId };
      const ofB = { orgId: orgB, streamId };
      await store().append(ofA, 'no_stream', batchOf(streamId, orgA, 2));
      // B's stream of that name does not exist yet, whatever A's holds.
      expect(await store().append(ofB, 'no_stream', batchOf(streamId, orgB, 1, 100))).toMatchObject({
        nextExpectedVersion: 0,
        duplicate: false,
      });
      // A's version means nothing to B's stream, and B is told only its own.
      const stale = await rejection(store().append(ofB, 1, batchOf(streamId, orgB, 1, 101)));
      expect(stale).toBeInstanceOf(WrongExpectedVersionError);
      expect(stale).toMatchObject({ streamId, expectedVersion: 1, actualVersion: 0 });
      expect(await store().append(ofA, 1, batchOf(streamId, orgA, 1, 2))).toMatchObject({ nextExpectedVersion: 2 });
      expect(await store().append(ofB, 0, batchOf(streamId, orgB, 1, 101))).toMatchObject({ nextExpectedVersion: 1 });

      const summary = (events: ReadonlyArray<{ orgId: string; streamPosition: number; data: unknown }>) =>
        events.map(({ orgId, streamPosition, data }) => ({ orgId, streamPosition, data }));
      expect(summary(await store().readStream(ofA))).toEqual([
        { orgId: orgA, streamPosition: 0, data: { n: 0 } },
        { orgId: orgA, streamPosition: 1, data: { n: 1 } },
        { orgId: orgA, streamPosition: 2, data: { n: 2 } },
      ]);
      expect(summary(await store().readStream(ofB, { direction: 'backwards' }))).toEqual([
        { orgId: orgB, streamPosition: 1, data: { n: 101 } },
        { orgId: orgB, streamPosition: 0, data: { n: 100 } },
      ]);
      expect((await store().readStream(ofB)).every((event) => event.streamId === streamId)).toBe(true);
      expect(await store().readStream({ orgId: uniqueOrg(), streamId })).toEqual([]);
    });

    it("reads another org's stream name as a stream with nothing in it, alone and among several", async () => {
      const [orgA, orgB] = [uniqueOrg(), uniqueOrg()];
      const [shared, onlyA, onlyB] = [uniqueStream(), uniqueStream(), uniqueStream()];
      await store().append({ orgId: orgA, streamId: shared }, 'no_stream', batchOf(shared, orgA, 3));
      await store().append({ orgId: orgA, streamId: onlyA }, 'no_stream', batchOf(onlyA, orgA, 1));
      await store().append({ orgId: orgB, streamId: onlyB }, 'no_stream', batchOf(onlyB, orgB, 2));

      expect(await store().readStream({ orgId: orgB, streamId: shared })).toEqual([]);
      expect(await store().readStream({ orgId: orgB, streamId: onlyA }, { direction: 'backwards' })).toEqual([]);
      const ofB = await store().readStreams(orgB, [
        { streamId: shared, from: 0 },
        { streamId: onlyA, from: 0 },
        { streamId: onlyB, from: 0 },
      ]);
      expect(ofB.get(shared)).toEqual([]);
      expect(ofB.get(onlyA)).toEqual([]);
      expect(ofB.get(onlyB)?.map((event) => event.orgId)).toEqual([orgB, orgB]);
      const ofA = await store().readStreams(orgA, [
        { streamId: shared, from: 1 },
        { streamId: onlyB, from: 0 },
      ]);
      expect(ofA.get(shared)?.map((event) => event.data)).toEqual([{ n: 1 }, { n: 2 }]);
      expect(ofA.get(onlyB)).toEqual([]);
    });

    it('stores a batch another org stored under the same stream name and event ids as a new batch, not a duplicate', async () => {
      const streamId = uniqueStream('order');
      const [orgA, orgB] = [uniqueOrg(), uniqueOrg()];
      const batchOfA = batchOf(streamId, orgA, 3);
      const first = await store().append({ orgId: orgA, streamId }, 'no_stream', batchOfA);
      // What B's register sends if its client happened to mint the very same ids.
      const batchOfB = batchOfA.map((event) => ({ ...event, orgId: orgB }));
      const second = await store().append({ orgId: orgB, streamId }, 'no_stream', batchOfB);
      expect(second).toMatchObject({ nextExpectedVersion: 2, duplicate: false });
      expect(second.globalPositions.some((position) => first.globalPositions.includes(position))).toBe(false);
      const ids = batchOfA.map((event) => event.eventId);
      const storedForB = await store().readStream({ orgId: orgB, streamId });
      expect(storedForB.map((event) => [event.eventId, event.orgId])).toEqual(ids.map((id) => [id, orgB]));
      const storedForA = await store().readStream({ orgId: orgA, streamId });
      expect(storedForA.map((event) => [event.eventId, event.orgId])).toEqual(ids.map((id) => [id, orgA]));
    });

    it("answers duplicates and conflicts from the org's own events alone, naming none of another org's streams", async () => {
      const [orgA, orgB] = [uniqueOrg(), uniqueOrg()];
      const [streamOfA, streamOfB, otherOfB] = [uniqueStream('order'), uniqueStream('order'), uniqueStream('order')];
      const [used] = batchOf(streamOfA, orgA, 1) as [EventEnvelope];
      await store().append({ orgId: orgA, streamId: streamOfA }, 'no_stream', [used]);

      // B's first use of A's id is B's own new event.
      const reused = { ...envelope(streamOfB, orgB, { n: 'of B' }), eventId: used.eventId };
      const stored = await store().append({ orgId: orgB, streamId: streamOfB }, 'no_stream', [reused]);
      expect(stored.duplicate).toBe(false);
      // A retry of it is a duplicate within B, answered with B's positions.
      expect(await store().append({ orgId: orgB, streamId: streamOfB }, 'no_stream', [reused])).toEqual({
        ...stored,
        duplicate: true,
      });

      const refusals = [
        await rejection(store().append({ orgId: orgB, streamId: streamOfB }, 'no_stream', batchOf(streamOfB, orgB, 1))),
      ];
      if (!subject.differences?.payloadConflictIsDuplicate) {
        // Within B the id is still B's: other data, or another stream of B, is a conflict.
        const tampered = await rejection(
          store().append({ orgId: orgB, streamId: streamOfB }, 'no_stream', [{ ...reused, data: { n: 'tampered' } }]),
        );
        expect(tampered).toBeInstanceOf(EventIdConflictError);
        expect(tampered).toMatchObject({ eventId: used.eventId });
        const moved = await rejection(
          store().append({ orgId: orgB, streamId: otherOfB }, 'no_stream', [{ ...reused, streamId: otherOfB }]),
        );
        expect(moved).toBeInstanceOf(EventIdConflictError);
        expect(textOf(moved)).toContain(streamOfB);
        refusals.push(tampered, moved);
      }
      for (const refusal of refusals) {
        expect(textOf(refusal)).not.toContain(streamOfA);
        expect(textOf(refusal)).not.toContain(orgA);
      }
      expect((await store().readStream({ orgId: orgA, streamId: streamOfA })).map((event) => event.data)).toEqual([
        used.data,
      ]);
    });

    it('lets many orgs create a stream of one name with the same event ids at the same moment', async () => {
      const streamId = uniqueStream('order');
      const ids = batchOf(streamId, uniqueOrg(), 2).map((event) => event.eventId);
      const orgs = Array.from({ length: 12 }, () => uniqueOrg());
      const results = await Promise.all(
        orgs.map((orgId) =>
          store().append(
            { orgId, streamId },
            'no_stream',
            ids.map((eventId, n) => ({ ...envelope(streamId, orgId, { n }), eventId })),
          ),
        ),
      );
      expect(results.map(({ nextExpectedVersion, duplicate }) => ({ nextExpectedVersion, duplicate }))).toEqual(
        orgs.map(() => ({ nextExpectedVersion: 1, duplicate: false })),
      );
      for (const orgId of orgs) {
        const stored = await store().readStream({ orgId, streamId });
        expect(stored.map((event) => [event.eventId, event.orgId])).toEqual(ids.map((id) => [id, orgId]));
      }
    });
  });
};
