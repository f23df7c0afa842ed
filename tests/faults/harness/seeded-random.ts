import { createHash } from 'node:crypto';

export type SeededRandom = {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  pick<T>(choices: ReadonlyArray<T>): T;
};

/**
 * A seeded stream of numbers, so a failing run is repeated exactly from its seed. Each named
 * stream (`seeded(seed, 'faults')`, `seeded(seed, 'workload')`) is independent, so adding a draw
 * to one does not shift the others.
 */
export const seeded = (seed: string, name: string): SeededRandom => {
  let counter = 0;
  const next = () =>
    createHash('sha256')
      .update(`${seed}:${name}:${(counter += 1)}`)
      .digest()
      .readUInt32BE(0) /
    2 ** 32;
  return {
    next,
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (choices) => {
      if (choices.length === 0) throw new Error('nothing to pick from');
      return choices[Math.floor(next() * choices.length)] as (typeof choices)[number];
    },
  };
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
