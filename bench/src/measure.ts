import { performance } from 'node:perf_hooks';

export type Timing = { warmUpMs: number; durationMs: number };

export type Measurement = { ops: number; seconds: number; rate: number; p50: number; p99: number };

/** The p-th percentile of ascending values (nearest rank), NaN for none. */
export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number);

/**
 * Runs `op` from `concurrency` loops, first for the warm-up (not counted), then for the measured
 * duration. Each loop starts its next op only when the previous one has finished, so the number
 * of loops is the number of operations in flight. An op still running when the time is up is
 * waited for and counted. `afterWarmUp` runs between the two, with nothing in flight.
 */
export const runFor = async (
  timing: Timing,
  concurrency: number,
  op: (worker: number, n: number) => Promise<unknown>,
  afterWarmUp?: () => Promise<void>,
): Promise<Measurement> => {
  const loop = async (worker: number, until: number, latencies: number[] | undefined, counter: { n: number }) => {
    while (performance.now() < until) {
      const started = performance.now();
      await op(worker, counter.n++);
      latencies?.push(performance.now() - started);
    }
  };
  const counter = { n: 0 };
  const warmUpEnd = performance.now() + timing.warmUpMs;
  await Promise.all(Array.from({ length: concurrency }, (_, worker) => loop(worker, warmUpEnd, undefined, counter)));
  await afterWarmUp?.();

  const latencies: number[] = [];
  const started = performance.now();
  const end = started + timing.durationMs;
  await Promise.all(Array.from({ length: concurrency }, (_, worker) => loop(worker, end, latencies, counter)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ops: latencies.length,
    seconds,
    rate: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
};
