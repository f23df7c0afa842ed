import type { JsMsg } from '@nats-io/jetstream';

/**
 * Messages delivered and not yet taken, in delivery order; `take` waits for the first one. Once
 * ended, what is still queued can be taken, and anything delivered after is handed back to the
 * server at once (nak), so it is redelivered before newer messages rather than after `ack_wait`,
 * when the checkpoints would skip it as already applied.
 */
export class DeliveredMessages {
  private queue: JsMsg[] = [];
  private ended = false;
  private wakeTaker: (() => void) | undefined;
  private wakeFiller: (() => void) | undefined;

  push(message: JsMsg): void {
    if (this.ended) {
      message.nak();
      return;
    }
    this.queue.push(message);
    this.wakeTaker?.();
  }

  /** Until fewer than `limit` messages wait, or it has ended. */
  async room(limit: number): Promise<void> {
    while (this.queue.length >= limit && !this.ended) {
      await new Promise<void>((resolve) => (this.wakeFiller = resolve));
      this.wakeFiller = undefined;
    }
  }

  /** No more will be taken in: a waiting `take` returns what is left, then nothing. */
  end(): void {
    this.ended = true;
    this.wakeTaker?.();
    this.wakeFiller?.();
  }

  /**
   * Up to `max` messages, as soon as at least one has come and then none for `quietMs`: the
   * events of one commit are published together and arrive together, so the pause keeps them in
   * one batch (a reader never sees an order's sale without its payments). None once ended and empty.
   */
  async take(max: number, quietMs = 0): Promise<JsMsg[]> {
    while (this.queue.length === 0 && !this.ended) {
      await new Promise<void>((resolve) => (this.wakeTaker = resolve));
      this.wakeTaker = undefined;
    }
    for (let seen = -1; quietMs > 0 && seen !== this.queue.length && this.queue.length < max && !this.ended;) {
      seen = this.queue.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
    const taken = this.queue.splice(0, max);
    this.wakeFiller?.();
    return taken;
  }

  /** Ends, and hands every message still queued back to the server. */
  giveBack(): void {
    this.end();
    for (const message of this.queue.splice(0)) message.nak();
  }
}
