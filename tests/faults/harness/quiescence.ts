import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { projections } from '@possier/read-models';
import type { PostgresEventStore } from '@possier/store';
import type { ChildService } from './child-service.js';
import { sleep } from './seeded-random.js';

/** Where the read side stands: the log's head, the stream's end, and the lowest and highest checkpoints. */
type Standing = { head: string | null; published: string | null; lowest: string | null; behind: string[] };

const standing = async (store: PostgresEventStore, nats: NatsConnection, stream: string): Promise<Standing> => {
  const names = Object.values(projections).map((projection) => projection.name);
  const head = await store.headPosition();
  let published: string | null = null;
  try {
    const jsm = await jetstreamManager(nats);
    const { state } = await jsm.streams.info(stream);
    const last = state.messages > 0 ? await jsm.streams.getMessage(stream, { seq: state.last_seq }) : null;
    published = last?.header.get('Possier-Log-Position') ?? null;
  } catch {
    published = null; // being recreated, or the server restarting: no progress to read yet
  }
  const { rows } = await store.pool.query<{ projection: string; log_position: string }>(
    'SELECT projection, log_position FROM projector_checkpoints WHERE projection = ANY($1::text[])',
    [names],
  );
  const at = new Map(rows.map((row) => [row.projection, row.log_position]));
  const behind = names.filter((name) => at.get(name) !== head);
  const lowest = names.map((name) => at.get(name) ?? '').sort()[0] || null;
  return { head, published, lowest, behind };
};

/** What the consumer reports, for a failure's explanation. */
const consumerState = async (nats: NatsConnection, stream: string, consumer: string): Promise<string> => {
  try {
    const jsm = await jetstreamManager(nats);
    const { state, created } = await jsm.streams.info(stream);
    const info = await jsm.consumers.info(stream, consumer);
    return (
      `stream ${stream}: sequences ${state.first_seq}–${state.last_seq} (${state.messages} messages, created ${created}); ` +
      `consumer ${consumer}: delivered ${info.delivered.stream_seq}, ack floor ${info.ack_floor.stream_seq}, ` +
      `pending ${info.num_pending}, ack pending ${info.num_ack_pending}, waiting pulls ${info.num_waiting}, created ${info.created}`
    );
  } catch (error) {
    return `stream ${stream} / consumer ${consumer}: ${(error as Error).message}`;
  }
};

const describe = (service: ChildService): string => {
  const crashes = service.crashes.length === 0 ? '' : `, ${service.crashes.length} crashes`;
  return [
    `${service.spec.name}: ${service.running ? 'running' : 'NOT RUNNING'}, started ${service.starts} times${crashes}; last output:`,
    ...service.lastLines().map((line) => `    ${line}`),
  ].join('\n');
};

/**
 * Waits until nothing is left to do: the stream ends at the log's head (the relay published it
 * all) and every projection's checkpoint is there too (the projector applied it all). Call once
 * no command or replay can arrive any more. The head is read again on every poll: it is the head
 * a reader may see, below the oldest transaction still open on the server, and so it trails
 * while any transaction (of any database on the server) is open.
 *
 * It waits as long as something moves (the head, the stream's end or the lowest checkpoint) and
 * gives up only after `stalledMs` with no movement at all, however loaded the machine: then it
 * says where each part stands, what the consumer reports, and which service is stuck, with its
 * last output.
 */
export const waitForQuiescence = async (options: {
  store: PostgresEventStore;
  nats: NatsConnection;
  stream: string;
  consumer: string;
  services: ReadonlyArray<ChildService>;
  stalledMs: number;
}): Promise<void> => {
  const { store, nats, stream } = options;
  let previous = '';
  let lastMove = Date.now();
  for (;;) {
    const now = await standing(store, nats, stream);
    if (now.head !== null && now.published === now.head && now.behind.length === 0) return;
    const seen = JSON.stringify([now.head, now.published, now.lowest]);
    if (seen !== previous) {
      previous = seen;
      lastMove = Date.now();
    } else if (Date.now() - lastMove > options.stalledMs) {
      throw new Error(
        [
          `not quiescent, and nothing moved for ${Math.round(options.stalledMs / 1000)} s: the log's head is ${now.head}, ` +
            `the stream ends at ${now.published}, the lowest checkpoint is ${now.lowest}, ` +
            `${now.behind.length} projections are behind (${now.behind.join(', ')})`,
          await consumerState(nats, stream, options.consumer),
          ...options.services.map(describe),
        ].join('\n'),
      );
    }
    await sleep(250);
  }
};
