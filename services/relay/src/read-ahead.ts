/**
 * Reads `source` ahead of its consumer, keeping up to `capacity` items ready, so the source's
 * waits (a page read from the store) overlap with the consumer's work (publishing the page
 * before). The consumer takes what is ready in one go, which lets it act on a run of items without
 * yielding in between. A failure of the source reaches the consumer after the items read before
 * it. After `stop()` the source is left at its next item; an item it is still waiting for is not
 * cancelled (end the source itself, with its abort signal, for that).
 */
export class ReadAhead<T> {
  private ready: T[] = [];
  private finished = false;
  private stopped = false;
  private failure: { error: unknown } | undefined;
  private wakeConsumer: (() => void) | undefined;
  private wakeSource: (() => void) | undefined;

  constructor(
    source: AsyncIterable<T>,
    private readonly capacity: number,
  ) {
    void this.pump(source);
  }

  /** Up to `max` items, as soon as one is ready; none once the source has ended and all were taken. */
  async take(max: number): Promise<T[]> {
    while (this.ready.length === 0) {
      if (this.failure) throw this.failure.error;
      if (this.finished) return [];
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
      this.wakeConsumer = undefined;
    }
    const taken = this.ready.splice(0, max);
    this.wakeSource?.();
    return taken;
  }

  stop(): void {
    this.stopped = true;
    this.wakeSource?.();
  }

  private async pump(source: AsyncIterable<T>): Promise<void> {
    try {
      for await (const item of source) {
        this.ready.push(item);
        this.wakeConsumer?.();
        while (this.ready.length >= this.capacity && !this.stopped) {
          await new Promise<void>((resolve) => (this.wakeSource = resolve));
          this.wakeSource = undefined;
        }
        if (this.stopped) break;
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.finished = true;
      this.wakeConsumer?.();
    }
  }
}
