import {
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type Consumer,
  type ConsumerInfo,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { StoredEvent } from '@possier/events';
import type pg from 'pg';
import { projectorConsumer } from './consumer-definition.js';

/**
 * The projector's durable consumer, judged against the read models' checkpoints: the checkpoints
 * are the truth of what was applied, the consumer only a cursor that can drift from them. It
 * drifts when the stream is deleted (the consumer goes with it), when the stream loses its tail
 * while the consumer's state survives (it has delivered past the new end and will not deliver the
 * republished messages that reuse those sequence numbers), when a killed run leaves messages
 * unacknowledged (they come back after `ack_wait`, behind newer ones the checkpoints then skip),
 * or when the server simply stops delivering. Each is healed the same way: the consumer is
 * recreated to start at the first message after the lowest checkpoint.
 */
export type DurableConsumer = {
  nats: NatsConnection;
  pool: pg.Pool;
  stream: string;
  consumer: string;
  /** The projections whose checkpoints the consumer must not run ahead of. */
  projections: ReadonlyArray<string>;
};

const isApiError = (error: unknown, code: number) => error instanceof JetStreamApiError && error.code === code;

/** The lowest checkpoint of the projections, or undefined when one has none (it needs the stream from its start). */
export const lowestCheckpoint = async ({ pool, projections }: DurableConsumer): Promise<string | undefined> => {
  const { rows } = await pool.query<{ log_position: string }>(
    'SELECT log_position FROM projector_checkpoints WHERE projection = ANY($1::text[])',
    [projections],
  );
  if (rows.length < new Set(projections).size) return undefined;
  return rows.map((row) => row.log_position).sort()[0];
};

const positionAt = async (jsm: JetStreamManager, stream: string, seq: number): Promise<string> => {
  const message = await jsm.streams.getMessage(stream, { seq });
  if (!message) throw new Error(`stream ${stream} has no message at sequence ${seq}`);
  return message.json<StoredEvent>().logPosition;
};

/**
 * The sequence of the first message after `position`, by binary search: the relay publishes the
 * log in order, so positions rise with sequences. One past the end when the stream holds nothing
 * after it (the relay is still republishing a recreated stream, or the log is quiet).
 */
export const firstSequenceAfter = async (
  jsm: JetStreamManager,
  stream: string,
  position: string | undefined,
): Promise<number> => {
  const { state } = await jsm.streams.info(stream);
  if (state.messages === 0) return state.last_seq + 1;
  if (position === undefined) return state.first_seq;
  let low = state.first_seq;
  let high = state.last_seq + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if ((await positionAt(jsm, stream, middle)) > position) high = middle;
    else low = middle + 1;
  }
  return low;
};

/** Deletes the consumer if it is there and creates it again to start after the lowest checkpoint. Returns where it starts. */
export const recreateAfterCheckpoints = async (target: DurableConsumer): Promise<number> => {
  const jsm = await jetstreamManager(target.nats);
  await jsm.consumers.delete(target.stream, target.consumer).catch((error: unknown) => {
    if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
  });
  const start = await firstSequenceAfter(jsm, target.stream, await lowestCheckpoint(target));
  await jsm.consumers.add(target.stream, {
    ...projectorConsumer(target.consumer),
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: start,
  });
  return start;
};

const consumerInfo = async (jsm: JetStreamManager, target: DurableConsumer): Promise<ConsumerInfo | undefined> => {
  try {
    return await jsm.consumers.info(target.stream, target.consumer);
  } catch (error) {
    if (isApiError(error, JetStreamApiCodes.ConsumerNotFound)) return undefined;
    throw error;
  }
};

/**
 * What a check found: no stream (the relay recreates it; nothing to consume meanwhile), no
 * consumer, a consumer that can be trusted, or one that cannot, with the reason in words.
 */
export type ConsumerCheck =
  | { kind: 'no-stream' }
  | { kind: 'no-consumer'; finding: string }
  | { kind: 'trusted'; info: ConsumerInfo }
  | { kind: 'stuck'; finding: string; info: ConsumerInfo };

/** The stream the projector consumes is not there; the relay creates it (again). */
export class StreamMissingError extends Error {
  override name = 'StreamMissingError';
}

/** How long a consumer may report messages pending while fetches get none before it is thought stalled. */
export const STALLED_AFTER_MS = 5_000;

/**
 * Checks the consumer against the stream and the checkpoints. Meant for moments when nothing is
 * being delivered (a fetch came back empty), so that what the consumer reports is settled;
 * `idleMs` is how long nothing has been delivered.
 */
export const checkConsumer = async (target: DurableConsumer, idleMs: number): Promise<ConsumerCheck> => {
  const jsm = await jetstreamManager(target.nats);
  let stream;
  try {
    stream = await jsm.streams.info(target.stream);
  } catch (error) {
    if (isApiError(error, JetStreamApiCodes.StreamNotFound)) return { kind: 'no-stream' };
    throw error;
  }
  const info = await consumerInfo(jsm, target);
  if (!info)
    return { kind: 'no-consumer', finding: `consumer ${target.consumer} is gone from stream ${target.stream}` };
  const stuck = (finding: string): ConsumerCheck => ({ kind: 'stuck', finding, info });
  const { state } = stream;
  if (info.delivered.stream_seq > state.last_seq)
    return stuck(
      `consumer ${target.consumer} has delivered up to sequence ${info.delivered.stream_seq}, past the end of ` +
        `stream ${target.stream} at ${state.last_seq} (the stream lost its tail or was recreated)`,
    );
  if (info.num_pending > 0 && info.num_ack_pending === 0 && idleMs >= STALLED_AFTER_MS)
    return stuck(
      `consumer ${target.consumer} reports ${info.num_pending} messages pending but delivered none for ${Math.round(idleMs / 1000)} s`,
    );
  const acked = info.ack_floor.stream_seq;
  if (info.num_ack_pending === 0 && acked >= state.first_seq && acked > 0 && state.messages > 0) {
    // Acks follow the commit of the checkpoints, so an acknowledged message is at or before them.
    const position = await positionAt(jsm, target.stream, acked);
    const checkpoint = await lowestCheckpoint(target);
    if (checkpoint === undefined || checkpoint < position)
      return stuck(
        `consumer ${target.consumer} has acknowledged up to ${position} (sequence ${acked}), beyond the ` +
          `read models' checkpoint ${checkpoint ?? '(none)'}`,
      );
  }
  return { kind: 'trusted', info };
};

/** What an idle check found wrong, in words; undefined when nothing is (a missing stream is the relay's to recreate). */
export const findingOf = (check: ConsumerCheck): string | undefined =>
  check.kind === 'no-consumer' || check.kind === 'stuck' ? check.finding : undefined;

/** Why a session's consumer was recreated: `finding` when something was wrong with it, not just absent or left by a killed run. */
export type Recreation = { reason: string; finding: boolean; start: number };

const causeOf = (check: Exclude<ConsumerCheck, { kind: 'no-stream' }>): Omit<Recreation, 'start'> | undefined => {
  switch (check.kind) {
    case 'no-consumer':
      return { reason: 'no consumer yet', finding: false };
    case 'stuck':
      return { reason: check.finding, finding: true };
    case 'trusted':
      return check.info.num_ack_pending > 0
        ? { reason: `${check.info.num_ack_pending} messages of an earlier run are unacknowledged`, finding: false }
        : undefined;
  }
};

/**
 * The consumer for a session: the existing one when it can be trusted, else one recreated after
 * the checkpoints. Messages a killed or failed run left unacknowledged make it untrusted (see the
 * type's comment), as does anything checkConsumer finds, or the `finding` the caller brings.
 * Throws StreamMissingError while the stream is not there.
 */
export const openDurableConsumer = async (
  target: DurableConsumer,
  finding?: string,
): Promise<{ consumer: Consumer; recreated: Recreation | undefined }> => {
  const check = await checkConsumer(target, 0);
  if (check.kind === 'no-stream') throw new StreamMissingError(`stream ${target.stream} does not exist (yet)`);
  const cause = finding === undefined ? causeOf(check) : { reason: finding, finding: true };
  const recreated = cause === undefined ? undefined : { ...cause, start: await recreateAfterCheckpoints(target) };
  const consumer = await jetstream(target.nats).consumers.get(target.stream, target.consumer);
  return { consumer, recreated };
};
