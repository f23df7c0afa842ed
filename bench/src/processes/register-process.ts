import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Restaurant } from '../restaurant.js';
import { nodeArgs } from './service-process.js';

export type ReplayResult = { events: number; seconds: number; accepted: number; peakRssMb: number | undefined };

/** Runs the register's outbox replay (built) as a process of its own against the ledger at `ledgerUrl`. */
export const replayFromRegister = async (
  ledgerUrl: string,
  restaurant: Restaurant,
  events: number,
): Promise<ReplayResult> => {
  const { args, cwd } = nodeArgs('services/register', 'src/testing/outbox-replay.ts');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      ...args,
      '--ledger',
      ledgerUrl,
      '--token',
      restaurant.registerToken,
      '--menu',
      JSON.stringify(restaurant.menu),
      '--events',
      String(events),
    ],
    { cwd, maxBuffer: 16 * 1024 * 1024 },
  );
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as ReplayResult;
};
