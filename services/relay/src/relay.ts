import { headers, type NatsConnection } from '@nats-io/transport-node';
import {
  jetstream,
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { EventStore, LogPosition, StoredEvent } from '@possier/events';
import { ServiceHealth } from '@possier/store';
import type { Logger } from 'pino';
import { ReadAhead } from './read-ahead.js';
import { subjectOf, type LedgerStream } from './stream-definition.js';

export const LOG_POSITION_HEADER = 'Possier-Log-Position';
/** Events read from the log ahead of the publishes: two of the store's subscription pages. */
const READ_AHEAD = 1_000;
const REPORT_EVERY_MS = 200;
/** How often a relay with nothing in flight checks that the stream still holds what it published. */
const VERIFY_EVERY_MS = 2_000;
const MSG_ID_HEADER = 'Nats-Msg-Id';

/**
 * The message id of an event: its org and its id. JetStream de-duplicates by message id across
 * the whole stream, and ids are minted by clients, so an event id alone would let one org's
 * choice of id make another org's event look like a duplicate and vanish from the stream.
 */
export const messageIdOf = (event: { orgId: string; eventId: string }): string => `${event.orgId}.${event.eventId}`;

export type RelayOptions = {
  store: EventStore;
  nats: NatsConnection;
  stream: LedgerStream;
  logger: Logger;
  /** Publishes awaiting their ack at most; bounds memory and the work redone after a failure. */
  maxInFlight?: number;
  /**
   * Told the last acknowledged position and when its event was recorded, for operators (lag,
   * status); never the resume point.
   */
  onAcked?: (position: LogPosition, recordedAt: string) => Promise<void>;
  /** Pause before starting over after a failure. */
  retryDelayMs?: number;
  /** How often an idle relay checks the stream is still there and still ends where it published. */
  verifyEveryMs?: number;
  /** Where the relay reports whether it is running or interrupted; its own when not given. */
  health?: ServiceHealth;
};

/** Where the stream ends: the last message's event id, log position and sequence, or nothing for an empty stream. */
type Tail = { messageId: string; logPosition: LogPosition; seq: number } | undefined;

/** Creates the stream from its definition, or brings an existing one up to it. Returns whether it had to be created. */
export const ensureStream = async (jsm: JetStreamManager, stream: LedgerStream): Promise<boolean> => {
  try {
    await jsm.streams.info(stream.config.name);
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    await jsm.streams.add(stream.config);
    return true;
  }
  const { name, ...config } = stream.config;
  await jsm.streams.update(name, config);
  return false;
};

const tailOf = async (jsm: JetStreamManager, name: string): Promise<Tail> => {
  const { state } = await jsm.streams.info(name);
  if (state.messages === 0) return undefined;
  const last = await jsm.streams.getMessage(name, { seq: state.last_seq });
  const messageId = last?.header.get(MSG_ID_HEADER);
  const logPosition = last?.header.get(LOG_POSITION_HEADER);
  if (!messageId || !logPosition) throw new Error(`the last message of stream ${name} was not published by the relay`);
  return { messageId, logPosition, seq: state.last_seq };
};

const isStreamNotFound = (error: unknown) =>
  error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;

/**
 * Relays the store's global log to JetStream in log order, every event once.
 *
 * The stream itself is the checkpoint: each run starts after the stream's last message, so a
 * relay killed at any moment resumes exactly where what JetStream holds ends, and a stream that
 * lost acknowledged messages (JetStream fsyncs on an interval) or was deleted outright is refilled
 * from the store. Each publish carries the previous event's id as `expect.lastMsgID`, so with many
 * publishes in flight the server still refuses anything that would land after a gap: a failed
 * publish can never be overtaken by a later one. The message id is the event's org and id
 * (messageIdOf), so a consumer or the stream's duplicate window can tell a repeat.
 *
 * A relay with nothing to publish would otherwise learn of a deleted or truncated stream only with
 * the next event, which may be hours away at night: it listens for the server's stream-deleted
 * advisory and, while nothing is in flight, checks every few seconds that the stream is there and
 * still ends at the last sequence acknowledged to it; either finding starts the run over.
 */
export const runRelay = async (options: RelayOptions, signal: AbortSignal): Promise<void> => {
  const { logger } = options;
  const health = options.health ?? new ServiceHealth('relay');
  while (!signal.aborted) {
    try {
      await relayUntilFailure(options, health, signal);
    } catch (error) {
      if (signal.aborted) break;
      // Logged once per interruption, however many retries it takes; the recovery is logged too.
      if (health.interrupted(error))
        logger.warn({ err: error }, 'relay interrupted; starting over from the end of the stream');
      else logger.debug({ err: error }, 'relay still interrupted');
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 1_000));
    }
  }
};

const relayUntilFailure = async (options: RelayOptions, health: ServiceHealth, signal: AbortSignal): Promise<void> => {
  const { store, nats, stream, logger } = options;
  const name = stream.config.name;
  const maxInFlight = options.maxInFlight ?? 256;
  const jsm = await jetstreamManager(nats);
  const js = jetstream(nats);
  const created = await ensureStream(jsm, stream);
  const tail = await tailOf(jsm, name);
  const before = health.status();
  const interruptedForMs = health.elapsedMs();
  const resumeAfter = tail?.logPosition ?? 'start of the log';
  if (health.running() && before.state === 'interrupted')
    logger.info({ stream: name, created, resumeAfter, interruptedForMs }, 'relay resumed');
  else logger[before.state === 'starting' ? 'info' : 'debug']({ stream: name, created, resumeAfter }, 'relay starting');

  /** Publishes not yet acknowledged, in publish order; `acked` follows the acknowledged head. */
  const unacked: Array<{ position: LogPosition; recordedAt: string; done: boolean }> = [];
  let inFlight = 0;
  let previousId = tail?.messageId;
  /** The highest stream sequence acknowledged to this run: the stream must never end before it. */
  let ackedSeq = tail?.seq ?? 0;
  let acked: { position: LogPosition; recordedAt: string } | undefined;
  let reported: LogPosition | undefined;
  let failure: unknown;

  const stop = new AbortController();
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const fail = (error: unknown) => {
    failure ??= error;
    stop.abort();
    wakeUp();
  };
  /** Until an ack (or a failure) frees the window. */
  const ackOrFailure = () => new Promise<void>((resolve) => (wake = resolve));

  const report = async () => {
    while (unacked[0]?.done) {
      const { position, recordedAt } = unacked.shift() as (typeof unacked)[number];
      acked = { position, recordedAt };
    }
    if (acked !== undefined && acked.position !== reported && options.onAcked) {
      reported = acked.position;
      await options.onAcked(acked.position, acked.recordedAt);
    }
  };

  const publish = (event: StoredEvent) => {
    const h = headers();
    h.set(LOG_POSITION_HEADER, event.logPosition);
    const entry = { position: event.logPosition, recordedAt: event.recordedAt, done: false };
    unacked.push(entry);
    inFlight += 1;
    // A failure stops the subscription (which may be idle, waiting for the log) and the run
    // starts over from what the stream holds. Each ack frees its place in the window at once.
    js.publish(subjectOf(stream.subjectPrefix, event), JSON.stringify(event), {
      msgID: messageIdOf(event),
      headers: h,
      timeout: 10_000,
      expect: previousId === undefined ? { lastSequence: 0 } : { lastMsgID: previousId },
    }).then((ack) => {
      ackedSeq = Math.max(ackedSeq, ack.seq);
      entry.done = true;
      inFlight -= 1;
      wakeUp();
    }, fail);
    previousId = messageIdOf(event);
  };

  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort);
  // The acknowledged position is for operators, never the resume point, so it is reported on a
  // timer rather than per ack: a write per event would cost the relay a round trip per event.
  let reporting: Promise<void> = Promise.resolve();
  const reporter = setInterval(() => {
    reporting = reporting.then(report).catch(fail);
  }, REPORT_EVERY_MS);
  const deletions = nats.subscribe(`$JS.EVENT.ADVISORY.STREAM.DELETED.${name}`, {
    callback: () => fail(new Error(`stream ${name} was deleted`)),
  });
  let verifying = false;
  const verifier = setInterval(() => {
    if (inFlight > 0 || verifying) return;
    verifying = true;
    jsm.streams
      .info(name)
      .then(
        ({ state }) => {
          if (state.last_seq < ackedSeq)
            fail(new Error(`stream ${name} ends at ${state.last_seq}, before ${ackedSeq} acknowledged to the relay`));
        },
        (error: unknown) => {
          // Anything else (a reconnecting server) is for the next check or the next publish.
          if (isStreamNotFound(error)) fail(new Error(`stream ${name} is gone`));
        },
      )
      .finally(() => (verifying = false));
  }, options.verifyEveryMs ?? VERIFY_EVERY_MS);
  try {
    const log = new ReadAhead(store.subscribeAll({ after: tail?.logPosition, signal: stop.signal }), READ_AHEAD);
    try {
      while (failure === undefined) {
        // Published in one synchronous run: the client sends everything queued in one turn in
        // one write, where awaiting between publishes would cost a write each.
        const events = await log.take(maxInFlight - inFlight);
        if (events.length === 0) break;
        for (const event of events) publish(event);
        while (inFlight >= maxInFlight && failure === undefined) await ackOrFailure();
      }
    } finally {
      log.stop();
    }
    while (inFlight > 0 && failure === undefined) await ackOrFailure();
    if (failure !== undefined) throw failure;
    clearInterval(reporter);
    await reporting;
    await report();
  } finally {
    clearInterval(reporter);
    clearInterval(verifier);
    deletions.unsubscribe();
    signal.removeEventListener('abort', onAbort);
  }
};
