import { randomUUID } from 'node:crypto';
import {
  EventIdConflictError,
  InvalidAppendError,
  WrongExpectedVersionError,
  type EventStore,
  type ReadAllOptions,
  type StoredEvent,
} from '@possier/events';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchOf, envelope, newEventId, uniqueOrg, uniqueStream } from './fixtures.js';
import type { ConformanceSubject } from './subject.js';
import { describeOrdering } from './ordering.js';
import { describeOrgIdentity } from './org-identity.js';
import { rejection } from './rejection.js';

/** Collects what a subscription yields until `count` events have arrived or the timeout passes. */
export const collect = async (
  store: EventStore,
  options: { orgId: string; count: number; after?: string; timeoutMs?: number },
): Promise<StoredEvent[]> => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 30_000);
  const seen: StoredEvent[] = [];
  try {
    for await (const event of store.subscribeAll({
      after: options.after,
      filter: { orgId: options.orgId },
      signal: controller.signal,
    })) {
      seen.push(event);
      if (seen.length >= options.count) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return seen;
};

/**
 * Reads the log until `count` events match. The log is gap-free, so an event becomes readable only
 * once every older transaction in the cluster has finished; another suite's open transaction can
 * hold it back for a moment, which a test must wait out rather than mistake for loss.
 */
const readAllUntil = async (store: EventStore, options: ReadAllOptions, count: number): Promise<StoredEvent[]> => {
  for (let attempt = 0; ; attempt += 1) {
    const events = await store.readAll(options);
    if (events.length >= count || attempt === 100) return events;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * The behaviour every event store adapter must have, run against each of them: optimistic
 * concurrency, idempotent appends, a gap-free global log, tenant filters, upcasting on read,
 * clear refusals of bad input, and identity by (org, id) (org-identity.ts).
 */
export const describeEventStoreConformance = (subject: ConformanceSubject): void => {
  describe.skipIf(subject.skipReason !== undefined)(`event store conformance: ${subject.name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await subject.open();
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('append and read a stream', () => {
      it('stores the envelope as given, numbers the stream from 0 and stamps recordedAt', async () => {
        const streamId = uniqueStream('order');
        const orgId = uniqueOrg();
        const events = batchOf(streamId, orgId, 3).map((event, index) =>
          index === 1
            ? {
                ...event,
                brandId: randomUUID(),
                storeId: randomUUID(),
                registerId: randomUUID(),
                causationId: randomUUID(),
              }
            : event,
        );
        const result = await store.append({ orgId, streamId }, 'no_stream', events);
        expect(result).toMatchObject({ nextExpectedVersion: 2, duplicate: false });
        expect(result.globalPositions).toHaveLength(3);
        expect([...result.globalPositions].sort((a, b) => a - b)).toEqual(result.globalPositions);

        const read = await store.readStream({ orgId, streamId });
        expect(read.map((event) => event.streamPosition)).toEqual([0, 1, 2]);
        expect(read.map((event) => event.globalPosition)).toEqual(result.globalPositions);
        read.forEach((stored, index) => {
          const { recordedAt, streamPosition, globalPosition, logPosition, ...envelopeAsStored } = stored;
          expect(envelopeAsStored).toEqual(events[index]);
          expect(Number.isNaN(Date.parse(recordedAt))).toBe(false);
          expect(typeof logPosition).toBe('string');
          void streamPosition;
          void globalPosition;
        });
        // The producer's offset survives: an instant alone would lose it.
        expect(read[0]?.occurredAt).toBe('2026-11-24T13:05:00.123+05:30');
      });

      it('returns an empty list for a stream that does not exist', async () => {
        expect(await store.readStream({ orgId: uniqueOrg(), streamId: uniqueStream() })).toEqual([]);
      });

      it('reads backwards from the end, and from a position, with a limit', async () => {
        const stream = { orgId: uniqueOrg(), streamId: uniqueStream() };
        await store.append(stream, 'no_stream', batchOf(stream.streamId, stream.orgId, 10));
        const lastThree = await store.readStream(stream, { direction: 'backwards', limit: 3 });
        expect(lastThree.map((event) => event.streamPosition)).toEqual([9, 8, 7]);
        const fromFour = await store.readStream(stream, { direction: 'backwards', from: 4 });
        expect(fromFour.map((event) => event.streamPosition)).toEqual([4, 3, 2, 1, 0]);
        const forwards = await store.readStream(stream, { from: 8 });
        expect(forwards.map((event) => event.data)).toEqual([{ n: 8 }, { n: 9 }]);
      });

      it('reads several streams at once, each from its own position', async () => {
        const org = uniqueOrg();
        const [a, b, missing] = [uniqueStream(), uniqueStream(), uniqueStream()];
        await store.append({ orgId: org, streamId: a }, 'no_stream', batchOf(a, org, 5));
        await store.append({ orgId: org, streamId: b }, 'no_stream', batchOf(b, org, 3));
        const read = await store.readStreams(org, [
          { streamId: a, from: 3 },
          { streamId: b, from: 0 },
          { streamId: missing, from: 0 },
        ]);
        expect([...read.keys()].sort()).toEqual([a, b, missing].sort());
        expect(read.get(a)?.map((event) => event.data)).toEqual([{ n: 3 }, { n: 4 }]);
        expect(read.get(b)?.map((event) => event.streamPosition)).toEqual([0, 1, 2]);
        expect(read.get(b)?.map((event) => event.eventId)).toEqual(
          (await store.readStream({ orgId: org, streamId: b })).map((event) => event.eventId),
        );
        expect(read.get(missing)).toEqual([]);
        expect(await store.readStreams(org, [])).toEqual(new Map());
      });

      it('appends a 1,000-event batch atomically and reads it back in order', async () => {
        const stream = { orgId: uniqueOrg(), streamId: uniqueStream('import') };
        const events = batchOf(stream.streamId, stream.orgId, 1_000);
        const result = await store.append(stream, 'no_stream', events);
        expect(result.nextExpectedVersion).toBe(999);
        const read = await store.readStream(stream, { limit: 2_000 });
        expect(read.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
      });
    });

    describe('optimistic concurrency', () => {
      it('appends at the expected version and refuses a stale one with the actual version', async () => {
        const streamId = uniqueStream();
        const orgId = uniqueOrg();
        const stream = { orgId, streamId };
        await store.append(stream, 'no_stream', batchOf(streamId, orgId, 2));
        const stale = await rejection(store.append(stream, 0, batchOf(streamId, orgId, 1)));
        expect(stale).toBeInstanceOf(WrongExpectedVersionError);
        expect(stale).toMatchObject({ streamId, expectedVersion: 0, actualVersion: 1 });
        const exists = await rejection(store.append(stream, 'no_stream', batchOf(streamId, orgId, 1)));
        expect(exists).toMatchObject({ name: 'WrongExpectedVersionError', actualVersion: 1 });
        const missing = { orgId, streamId: uniqueStream() };
        const noStream = await rejection(store.append(missing, 0, batchOf(missing.streamId, orgId, 1)));
        expect(noStream).toMatchObject({ name: 'WrongExpectedVersionError', actualVersion: 'no_stream' });
        expect(await store.append(stream, 1, batchOf(streamId, orgId, 1))).toMatchObject({ nextExpectedVersion: 2 });
        expect(await store.append(stream, 'any', batchOf(streamId, orgId, 1))).toMatchObject({
          nextExpectedVersion: 3,
        });
      });

      it('lets exactly one of 50 parallel appends at the same expected version win', async () => {
        const streamId = uniqueStream('order');
        const orgId = uniqueOrg();
        await store.append({ orgId, streamId }, 'no_stream', batchOf(streamId, orgId, 1));
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, writer) =>
            store.append({ orgId, streamId }, 0, batchOf(streamId, orgId, 2, writer * 10)),
          ),
        );
        const won = results.filter((result) => result.status === 'fulfilled');
        const lost = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(49);
        for (const error of lost) {
          expect(error).toBeInstanceOf(WrongExpectedVersionError);
          expect(error).toMatchObject({ actualVersion: 2 });
        }
        expect(await store.readStream({ orgId, streamId })).toHaveLength(3);
      });

      it('lets exactly one of 50 parallel creators of a new stream win', async () => {
        const streamId = uniqueStream('order');
        const orgId = uniqueOrg();
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, () => store.append({ orgId, streamId }, 'no_stream', batchOf(streamId, orgId, 1))),
        );
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream({ orgId, streamId })).toHaveLength(1);
      });
    });

    describe('idempotency by event id', () => {
      it('answers a re-appended batch as a duplicate with the first positions and writes nothing', async () => {
        const streamId = uniqueStream();
        const orgId = uniqueOrg();
        const events = batchOf(streamId, orgId, 3);
        const first = await store.append({ orgId, streamId }, 'no_stream', events);
        const again = await store.append({ orgId, streamId }, 'no_stream', events);
        expect(again).toEqual({ ...first, duplicate: true });
        expect(await store.append({ orgId, streamId }, 'any', events)).toEqual({ ...first, duplicate: true });
        expect(await store.readStream({ orgId, streamId })).toHaveLength(3);
      });

      it(
        subject.differences?.payloadConflictIsDuplicate
          ? 'treats the same event id with a different payload as a duplicate (this store deduplicates by id alone)'
          : 'refuses the same event id with a different payload as a conflict, never a second event',
        async () => {
          const streamId = uniqueStream();
          const orgId = uniqueOrg();
          const [event] = batchOf(streamId, orgId, 1) as [ReturnType<typeof envelope>];
          await store.append({ orgId, streamId }, 'no_stream', [event]);
          const tampered = { ...event, data: { n: 999 } };
          if (subject.differences?.payloadConflictIsDuplicate) {
            expect(await store.append({ orgId, streamId }, 'no_stream', [tampered])).toMatchObject({ duplicate: true });
          } else {
            const error = await rejection(store.append({ orgId, streamId }, 'no_stream', [tampered]));
            expect(error).toBeInstanceOf(EventIdConflictError);
            expect(error).toMatchObject({ eventId: event.eventId });
            const elsewhere = uniqueStream();
            const moved = await rejection(
              store.append({ orgId, streamId: elsewhere }, 'no_stream', [{ ...event, streamId: elsewhere }]),
            );
            expect(moved).toBeInstanceOf(EventIdConflictError);
          }
          const stored = await store.readStream({ orgId, streamId });
          expect(stored.map((e) => e.data)).toEqual([{ n: 0 }]);
        },
      );

      it("keeps a command's fingerprint with its batch, only for that stream and org, and only when appended", async () => {
        const orgId = uniqueOrg();
        const stream = { orgId, streamId: uniqueStream('order') };
        const commandId = newEventId();
        const events = batchOf(stream.streamId, orgId, 2);
        expect(await store.commandFingerprint(stream, commandId)).toBeNull();
        await store.append(stream, 'no_stream', events, { command: { commandId, fingerprint: 'first' } });
        await store.append(stream, 'no_stream', events, { command: { commandId, fingerprint: 'second' } });
        await store.append(stream, 1, batchOf(stream.streamId, orgId, 1, 2));
        expect(await store.commandFingerprint(stream, commandId)).toBe('first');
        expect(await store.commandFingerprint({ orgId: uniqueOrg(), streamId: stream.streamId }, commandId)).toBeNull();
        expect(await store.commandFingerprint({ orgId, streamId: uniqueStream('order') }, commandId)).toBeNull();
        expect(await store.commandFingerprint(stream, newEventId())).toBeNull();
        const stored = await store.readStream(stream);
        expect(stored).toHaveLength(3);
        expect(stored[0]).not.toHaveProperty('commandFingerprint');
      });

      it('answers a batch retried after the response was lost (after commit) as a duplicate, not a second event', async () => {
        let lose = true;
        const faulty = await subject.open({
          faults: {
            afterCommit: () => {
              if (lose) {
                lose = false;
                throw new Error('connection terminated after commit');
              }
            },
          },
        });
        try {
          const stream = { orgId: uniqueOrg(), streamId: uniqueStream('order') };
          const events = batchOf(stream.streamId, stream.orgId, 4);
          await expect(faulty.append(stream, 'no_stream', events)).rejects.toThrow(
            'connection terminated after commit',
          );
          const retried = await faulty.append(stream, 'no_stream', events);
          expect(retried).toMatchObject({ duplicate: true, nextExpectedVersion: 3 });
          expect(await store.readStream(stream)).toHaveLength(4);
        } finally {
          await faulty.close();
        }
      });
    });

    describe('the global log', () => {
      it('filters by org and by type, and resumes strictly after a position', async () => {
        const orgA = uniqueOrg();
        const orgB = uniqueOrg();
        const streamA = uniqueStream();
        const streamB = uniqueStream();
        await store.append({ orgId: orgA, streamId: streamA }, 'no_stream', [
          envelope(streamA, orgA, { n: 1 }),
          envelope(streamA, orgA, { n: 2 }, { type: 'OrderVoided' }),
        ]);
        await store.append({ orgId: orgB, streamId: streamB }, 'no_stream', [envelope(streamB, orgB, { n: 3 })]);

        const ofA = await readAllUntil(store, { filter: { orgId: orgA } }, 2);
        expect(ofA.map((event) => event.data)).toEqual([{ n: 1 }, { n: 2 }]);
        expect(ofA.every((event) => event.orgId === orgA)).toBe(true);
        const voids = await readAllUntil(store, { filter: { orgId: orgA, types: ['OrderVoided'] } }, 1);
        expect(voids.map((event) => event.data)).toEqual([{ n: 2 }]);
        const afterFirst = await readAllUntil(store, { after: ofA[0]?.logPosition, filter: { orgId: orgA } }, 1);
        expect(afterFirst.map((event) => event.data)).toEqual([{ n: 2 }]);
        expect(await store.readAll({ filter: { orgId: uniqueOrg() } })).toEqual([]);
      });

      it('reports a head position after which nothing is read until more is appended', async () => {
        const orgId = uniqueOrg();
        const streamId = uniqueStream();
        await store.append({ orgId, streamId }, 'no_stream', batchOf(streamId, orgId, 2));
        await readAllUntil(store, { filter: { orgId } }, 2);
        const head = await store.headPosition();
        expect(head).not.toBeNull();
        expect(await store.readAll({ after: head as string, filter: { orgId } })).toEqual([]);
        await store.append({ orgId, streamId }, 1, batchOf(streamId, orgId, 1, 2));
        const after = await readAllUntil(store, { after: head as string, filter: { orgId } }, 1);
        expect(after.map((e) => e.data)).toEqual([{ n: 2 }]);
      });

      it('reports the global position of its head, at or past every event read and moving on with each append', async () => {
        const orgId = uniqueOrg();
        const streamId = uniqueStream();
        await store.append({ orgId, streamId }, 'no_stream', batchOf(streamId, orgId, 2));
        const read = await readAllUntil(store, { filter: { orgId } }, 2);
        const head = await store.headGlobalPosition();
        expect(head).toBeGreaterThanOrEqual(Math.max(...read.map((event) => event.globalPosition)));
        await store.append({ orgId, streamId }, 1, batchOf(streamId, orgId, 1, 2));
        const appended = await readAllUntil(store, { after: read.at(-1)?.logPosition, filter: { orgId } }, 1);
        const next = await store.headGlobalPosition();
        expect(next).toBeGreaterThan(head as number);
        expect(next).toBeGreaterThanOrEqual(appended[0]?.globalPosition ?? Infinity);
      });

      it('log positions sort as text in log order', async () => {
        const orgId = uniqueOrg();
        for (let i = 0; i < 5; i += 1) {
          const streamId = uniqueStream();
          await store.append({ orgId, streamId }, 'no_stream', batchOf(streamId, orgId, 2));
        }
        const positions = (await readAllUntil(store, { filter: { orgId } }, 10)).map((event) => event.logPosition);
        expect(positions).toHaveLength(10);
        expect([...positions].sort()).toEqual(positions);
      });

      it('a subscription catches up, then follows live appends', async () => {
        const orgId = uniqueOrg();
        const streamId = uniqueStream();
        await store.append({ orgId, streamId }, 'no_stream', batchOf(streamId, orgId, 3));
        const collecting = collect(store, { orgId, count: 6 });
        await store.append({ orgId, streamId }, 2, batchOf(streamId, orgId, 3, 3));
        const seen = await collecting;
        expect(seen.map((event) => event.data)).toEqual([0, 1, 2, 3, 4, 5].map((n) => ({ n })));
      });

      it('16 concurrent writers × 500 events: a running subscriber sees every event exactly once, in stream order', async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 16 * 500, maxLength: 16 * 500 }),
            async (picks) => {
              const orgId = uniqueOrg();
              const streams = Array.from({ length: 32 }, () => uniqueStream('load'));
              const subscriber = collect(store, { orgId, count: picks.length, timeoutMs: 120_000 });
              const next = new Map<string, number>();
              await Promise.all(
                Array.from({ length: 16 }, async (_, writer) => {
                  for (let i = 0; i < 500; i += 1) {
                    const streamId = streams[picks[writer * 500 + i] as number] as string;
                    const event = envelope(streamId, orgId, { writer, i });
                    // 'any': writers interleave on shared streams; the order the store gives is the order.
                    await store.append({ orgId, streamId }, 'any', [event]);
                    next.set(streamId, (next.get(streamId) ?? 0) + 1);
                  }
                }),
              );
              const seen = await subscriber;
              expect(seen).toHaveLength(picks.length);
              expect(new Set(seen.map((event) => event.eventId)).size).toBe(picks.length);
              const lastPosition = new Map<string, number>();
              for (const event of seen) {
                expect(event.streamPosition).toBe((lastPosition.get(event.streamId) ?? -1) + 1);
                lastPosition.set(event.streamId, event.streamPosition);
              }
              // Each writer's own events keep their order too.
              const lastOfWriter = new Map<number, number>();
              for (const event of seen) {
                const { writer, i } = event.data as { writer: number; i: number };
                expect(i).toBeGreaterThan(lastOfWriter.get(writer) ?? -1);
                lastOfWriter.set(writer, i);
              }
            },
          ),
          { numRuns: 1, seed: 424242, endOnFailure: true },
        );
      }, 180_000);
    });

    describe('upcasting on read', () => {
      it('returns a stored v1 event at the current version, leaving what is stored untouched', async () => {
        const { testRegistry } = await import('./fixtures.js');
        const upcasting = await subject.open({ registry: testRegistry });
        try {
          const streamId = uniqueStream('stock');
          const orgId = uniqueOrg();
          await upcasting.append({ orgId, streamId }, 'no_stream', [
            envelope(streamId, orgId, { qty: 12 }, { type: 'StockCountedForTest', schemaVersion: 1 }),
            envelope(streamId, orgId, { quantity: 3, unit: 'kg' }, { type: 'StockCountedForTest', schemaVersion: 2 }),
          ]);
          const read = await upcasting.readStream({ orgId, streamId });
          expect(read.map(({ schemaVersion, data }) => ({ schemaVersion, data }))).toEqual([
            { schemaVersion: 2, data: { quantity: 12, unit: 'piece' } },
            { schemaVersion: 2, data: { quantity: 3, unit: 'kg' } },
          ]);
          const fromLog = await readAllUntil(upcasting, { filter: { orgId } }, 2);
          expect(fromLog[0]?.data).toEqual({ quantity: 12, unit: 'piece' });
        } finally {
          await upcasting.close();
        }
      });
    });

    describe('refusals of bad input', () => {
      it('refuses a malformed event id, naming the field', async () => {
        const stream = { orgId: uniqueOrg(), streamId: uniqueStream() };
        const error = await rejection(
          store.append(stream, 'no_stream', [
            { ...envelope(stream.streamId, stream.orgId, {}), eventId: 'not-a-uuid' },
          ]),
        );
        expect(error).toBeInstanceOf(InvalidAppendError);
        expect(error).toMatchObject({ path: 'events.0.eventId' });
      });

      it('refuses an empty batch, a bad stream id, an event of another stream or of another org than the one appended to', async () => {
        const streamId = uniqueStream();
        const orgId = uniqueOrg();
        const stream = { orgId, streamId };
        expect(await rejection(store.append(stream, 'no_stream', []))).toMatchObject({
          name: 'InvalidAppendError',
          path: 'events',
        });
        const badName = { orgId, streamId: 'Not A Stream' };
        expect(await rejection(store.append(badName, 'no_stream', batchOf(badName.streamId, orgId, 1)))).toMatchObject({
          name: 'InvalidAppendError',
          path: 'streamId',
        });
        expect(await rejection(store.append(stream, 'no_stream', batchOf(uniqueStream(), orgId, 1)))).toMatchObject({
          name: 'InvalidAppendError',
          path: 'events.0.streamId',
        });
        // The org appended to is part of the stream's identity: every event must name it.
        expect(
          await rejection(store.append({ orgId: uniqueOrg(), streamId }, 'no_stream', batchOf(streamId, orgId, 1))),
        ).toMatchObject({ name: 'InvalidAppendError', path: 'events.0.orgId' });
        const mixed = [envelope(streamId, orgId, {}), envelope(streamId, uniqueOrg(), {})];
        expect(await rejection(store.append(stream, 'no_stream', mixed))).toMatchObject({
          name: 'InvalidAppendError',
          path: 'events.1.orgId',
        });
        expect(await rejection(store.append(stream, -5 as never, batchOf(streamId, orgId, 1)))).toMatchObject({
          path: 'expectedVersion',
        });
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describeOrgIdentity(subject, () => store);
    if (subject.holdAppend) describeOrdering(subject, () => store);
  });

  if (subject.skipReason !== undefined) {
    describe(`event store conformance: ${subject.name}`, () => {
      it.skip(`skipped: ${subject.skipReason}`, () => undefined);
    });
    console.warn(`[conformance] ${subject.name} skipped: ${subject.skipReason}`);
  }
};
