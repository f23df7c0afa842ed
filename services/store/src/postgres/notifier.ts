import type { AbortSignalLike } from '@possier/events';
import pg from 'pg';

export const CHANNEL = 'possier_events';

/**
 * Subscribes `onNotify` to a channel; resolves to the function that stops listening. `onLost`
 * reports a listening connection that dropped, so the notifier listens again on next wait.
 */
export type Listen = (
  channel: string,
  onNotify: () => void,
  onLost: (error: unknown) => void,
) => Promise<() => Promise<void>>;

/** LISTEN on a dedicated pg connection: a pooled one would be handed to other work. */
export const pgListen =
  (connectionString: string): Listen =>
  async (channel, onNotify, onLost) => {
    const client = new pg.Client({ connectionString });
    client.on('notification', onNotify);
    client.on('error', (error) => {
      onLost(error);
      void client.end().catch(() => undefined);
    });
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    return () => client.end().catch(() => undefined);
  };

/**
 * Tells every listener that appends have committed: `announce()` after a commit sends one NOTIFY
 * from the pool, and calls made while one is on its way are folded into one more after it. Sent
 * from outside the appending transaction, because a transaction that notifies holds the server's
 * notification lock until its commit is durable, and so would keep concurrent commits from
 * sharing an fsync. A failure is reported, not thrown: subscribers also poll.
 */
export const announcer = (pool: Pick<pg.Pool, 'query'>, onError: (error: unknown) => void): (() => void) => {
  let sending = false;
  let again = false;
  const send = (): void => {
    sending = true;
    again = false;
    pool
      .query(`SELECT pg_notify('${CHANNEL}', '')`)
      .catch(onError)
      .finally(() => {
        sending = false;
        if (again) send();
      });
  };
  return () => {
    if (sending) again = true;
    else send();
  };
};

/**
 * Wakes subscribers when appends commit (the adapter announces each commit), with polling as
 * the fallback: a subscriber waits for the next notification or `pollMs`, whichever comes first,
 * so it never busy-loops and never sleeps forever if the listening connection drops.
 *
 * `generation` counts notifications; a subscriber reads it before querying and waits only if no
 * notification arrived since, so a commit that lands between its query and its wait is not missed.
 */
export class Notifier {
  private stop: (() => Promise<void>) | null = null;
  private connecting: Promise<void> | null = null;
  private waiters = new Set<() => void>();
  private closed = false;
  generation = 0;

  constructor(
    private readonly listen: Listen,
    private readonly pollMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  async start(): Promise<void> {
    if (this.stop || this.closed) return;
    this.connecting ??= (async () => {
      this.stop = await this.listen(
        CHANNEL,
        () => this.wake(),
        (error) => {
          this.onError(error);
          this.stop = null;
        },
      );
    })().finally(() => {
      this.connecting = null;
    });
    await this.connecting;
  }

  /** Resolves on the next notification after `seen`, after `pollMs`, or when the signal aborts. */
  async wait(seen: number, signal?: AbortSignalLike): Promise<void> {
    if (this.generation !== seen || signal?.aborted || this.closed) return;
    if (!this.stop) await this.start().catch((error: unknown) => this.onError(error));
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', done);
    });
  }

  private wake(): void {
    this.generation += 1;
    for (const waiter of [...this.waiters]) waiter();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter();
    const stop = this.stop;
    this.stop = null;
    await stop?.().catch(() => undefined);
  }
}
