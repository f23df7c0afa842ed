import { JetStreamApiCodes, JetStreamApiError, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ChildService } from './child-service.js';
import type { AnswerLoss } from './online-workload.js';
import type { SeededRandom } from './seeded-random.js';
import type { PrivateNats, PrivateServer } from '../../support/private-servers.js';
import type { Tills } from './tills.js';

export type FaultKind =
  | 'kill-ledger'
  | 'kill-relay'
  | 'kill-projector'
  | 'kill-register'
  | 'delete-stream'
  | 'lose-answer'
  | 'cut-register-link'
  | 'restart-nats'
  | 'lose-stream-messages'
  | 'restart-postgres'
  | 'pause-nats'
  | 'pause-postgres';

export type FaultCounts = Record<FaultKind, number>;

export const noFaults = (): FaultCounts => ({
  'kill-ledger': 0,
  'kill-relay': 0,
  'kill-projector': 0,
  'kill-register': 0,
  'delete-stream': 0,
  'lose-answer': 0,
  'cut-register-link': 0,
  'restart-nats': 0,
  'lose-stream-messages': 0,
  'restart-postgres': 0,
  'pause-nats': 0,
  'pause-postgres': 0,
});

/** How often each fault is drawn, relatively. */
const WEIGHTS: ReadonlyArray<[FaultKind, number]> = [
  ['kill-ledger', 3],
  ['kill-relay', 3],
  ['kill-projector', 3],
  ['kill-register', 3],
  ['delete-stream', 2],
  ['lose-answer', 3],
  ['cut-register-link', 2],
  ['restart-nats', 1],
  ['lose-stream-messages', 1],
  ['restart-postgres', 1],
  ['pause-nats', 1],
  ['pause-postgres', 1],
];

/**
 * How long a paused server stays frozen: past the projector's fetch heartbeats (two missed at
 * about half a second each), the NATS client's reconnect and the database clients' timeouts for
 * a statement in flight, yet short enough that a run meets it more than once.
 */
const PAUSE_MS: readonly [number, number] = [6_000, 9_000];

/**
 * The faults every run ends with, after whatever was drawn: the ones the relay and the projector
 * must come through on their own. A projector that died of a stream deletion or a NATS restart
 * used to come back only when a later `kill-projector` happened to start it again; after the
 * last one, nothing did, and the run stopped with every projection behind. Ending with these, no
 * kill follows to hide such a death or a consumer left stuck.
 */
export const CLOSING_FAULTS: ReadonlyArray<FaultKind> = ['delete-stream', 'lose-stream-messages', 'restart-nats'];

export type FaultTargets = {
  ledger: ChildService;
  relay: ChildService;
  projector: ChildService;
  tills: Tills;
  nats: () => NatsConnection;
  stream: string;
  loss: AnswerLoss;
  /** The run's own PostgreSQL and NATS servers, restarted as faults. */
  postgres: PrivateServer;
  natsServer: PrivateNats;
};

/**
 * The faults in the order a run injects them: every kind once first, in a seeded order, so even
 * a short run meets each of them; then drawn by weight.
 */
export const faultSequence = (random: SeededRandom): (() => FaultKind) => {
  const opening = WEIGHTS.map(([kind]) => kind);
  for (let i = opening.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.next() * (i + 1));
    [opening[i], opening[j]] = [opening[j] as FaultKind, opening[i] as FaultKind];
  }
  return () => opening.shift() ?? draw(random);
};

const draw = (random: SeededRandom): FaultKind => {
  const total = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [kind, weight] of WEIGHTS) {
    roll -= weight;
    if (roll < 0) return kind;
  }
  return (WEIGHTS.at(-1) as [FaultKind, number])[0];
};

/**
 * Runs `act` with the run's own NATS connection once it answers: after a restart of the server
 * the client takes a moment to reconnect, and a request sent meanwhile times out. Gives up after
 * a minute of no answer.
 */
const withNats = async <T>(nats: () => NatsConnection, act: (jsm: JetStreamManager) => Promise<T>): Promise<T> => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await act(await jetstreamManager(nats(), { timeout: 2_000 }));
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
};

/** A service killed with SIGKILL, down for a seeded moment, then started again. */
const killAndRestart = async (service: ChildService, random: SeededRandom) => {
  await service.kill();
  await new Promise((resolve) => setTimeout(resolve, random.between(0, 1_500)));
  await service.start();
};

/**
 * Injects one fault and returns what it was (a register kill or a stream deletion with nothing to
 * act on falls back to a lost answer). Each fault ends with the system able to recover: a killed
 * process is started again, a restarted server is answering.
 */
export const injectFault = async (targets: FaultTargets, kind: FaultKind, random: SeededRandom): Promise<FaultKind> => {
  switch (kind) {
    case 'kill-ledger':
      await killAndRestart(targets.ledger, random);
      return kind;
    case 'kill-relay':
      await killAndRestart(targets.relay, random);
      return kind;
    case 'kill-projector':
      await killAndRestart(targets.projector, random);
      return kind;
    case 'kill-register':
      if (await targets.tills.kill((count) => Math.floor(random.next() * count))) return kind;
      targets.loss.pending += 1;
      return 'lose-answer';
    case 'delete-stream': {
      // Only this run's stream: the relay must notice and rebuild it from the store. It may be
      // gone already (deleted before, not yet rebuilt); that is no new fault.
      const deleted = await withNats(targets.nats, (jsm) =>
        jsm.streams.delete(targets.stream).catch((error: unknown) => {
          if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return false;
          throw error;
        }),
      );
      if (deleted) return kind;
      targets.loss.pending += 1;
      return 'lose-answer';
    }
    case 'lose-answer':
      targets.loss.pending += 1;
      return kind;
    case 'cut-register-link':
      await targets.tills.cutLink((count) => Math.floor(random.next() * count), random.between(200, 2_000));
      return kind;
    case 'restart-nats':
      await targets.natsServer.restart();
      await withNats(targets.nats, (jsm) => jsm.getAccountInfo());
      return kind;
    case 'lose-stream-messages':
      // The node comes back without the stream's messages but with its consumers' state: the
      // relay must refill the stream, the projector must not wait behind a consumer that
      // delivered past the new end.
      await targets.natsServer.restartLosingMessages(targets.stream);
      await withNats(targets.nats, (jsm) => jsm.getAccountInfo());
      return kind;
    case 'restart-postgres':
      await targets.postgres.restart();
      return kind;
    case 'pause-nats':
      await targets.natsServer.pause(random.between(...PAUSE_MS));
      await withNats(targets.nats, (jsm) => jsm.getAccountInfo());
      return kind;
    case 'pause-postgres':
      await targets.postgres.pause(random.between(...PAUSE_MS));
      return kind;
    default: {
      const unhandled: never = kind;
      throw new Error(`unhandled fault ${String(unhandled)}`);
    }
  }
};
