import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { eventually } from '@possier/ledger/testing';
import { projections } from '@possier/read-models';
import type { PostgresEventStore } from '@possier/store';

/**
 * Waits until nothing is left to do: the stream ends at the log's head (the relay published it
 * all) and every projection's checkpoint is there too (the projector applied it all). Call once
 * no command or replay can arrive any more. The head is read again on every poll: it is the head
 * a reader may see, below the oldest transaction still open on the server, and so it trails
 * while any transaction (of any database on the server) is open.
 */
export const waitForQuiescence = async (
  store: PostgresEventStore,
  nats: NatsConnection,
  stream: string,
  timeoutMs: number,
): Promise<void> => {
  const names = Object.values(projections).map((projection) => projection.name);
  await eventually(async () => {
    const head = await store.headPosition();
    const jsm = await jetstreamManager(nats);
    const { state } = await jsm.streams.info(stream);
    const last = state.messages > 0 ? await jsm.streams.getMessage(stream, { seq: state.last_seq }) : null;
    const published = last?.header.get('Possier-Log-Position') ?? null;
    const { rows } = await store.pool.query<{ projection: string }>(
      'SELECT projection FROM projector_checkpoints WHERE projection = ANY($1::text[]) AND log_position = $2',
      [names, head],
    );
    const behind = names.filter((name) => !rows.some((row) => row.projection === name));
    if (published !== head || behind.length > 0)
      throw new Error(
        `not quiescent: the log's head is ${head}, the stream ends at ${published}, ` +
          `${behind.length} projections are behind (${behind.join(', ')})`,
      );
  }, timeoutMs);
};
