import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openRegister, type RegisterAgent } from '../register-agent.js';

/** Nothing listens on port 9 (discard) here: every call fails as a dropped network does. */
export const UNREACHABLE = 'http://127.0.0.1:9';

/** A fresh data folder, in memory (tmpfs) where the machine has one: these suites test replay, not disks. */
export const registerDataDir = (): string =>
  mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'possier-register-'));

/**
 * A register set up against `ledgerUrl` that has pulled the menu. The catalog is read from the
 * global log, which a reader sees up to the oldest running transaction, so the first pull is
 * repeated until the menu (`items` entries) is there.
 */
export const openSyncedRegister = async (
  dataDir: string,
  ledgerUrl: string,
  token: string,
  items: number,
  poll: (check: () => Promise<void>) => Promise<void>,
): Promise<RegisterAgent> => {
  const register = openRegister({ dataDir, ledgerUrl, token });
  await poll(async () => {
    await register.sync();
    expect(register.status().catalogItems).toBe(items);
  });
  return register;
};
