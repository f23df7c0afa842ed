import { execFile } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ExposedRegisterDataError } from './private-files.js';
import { openRegister } from './register-agent.js';
import { registerDataDir, UNREACHABLE } from './testing/open-test-register.js';

/*
 * A till's folder holds its bearer token and the org's customer cache: only its user may read it,
 * on any machine, whatever the umask; a folder opened to others is refused, not used.
 */

const possier = fileURLToPath(new URL('../../cli/bin/possier.js', import.meta.url));
const folders: string[] = [];

/** A register token as the till reads it (claims only; the ledger, never reached here, checks signatures). */
const TOKEN = [
  Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url'),
  Buffer.from(
    JSON.stringify({
      kind: 'register',
      orgId: '0193a1b2-0000-7000-8000-000000000001',
      brandId: '0193a1b2-0000-7000-8000-000000000002',
      storeId: '0193a1b2-0000-7000-8000-000000000003',
      registerId: '0193a1b2-0000-7000-8000-000000000004',
    }),
  ).toString('base64url'),
  'c2lnbmF0dXJl',
].join('.');

const modeOf = (path: string) => `0${(statSync(path).mode & 0o777).toString(8)}`;

/** A folder that does not exist yet, inside a fresh private one. */
const newDataDir = () => {
  const parent = registerDataDir();
  folders.push(parent);
  return join(parent, 'till', 'data');
};

const possierRun = (...args: string[]) =>
  promisify(execFile)(process.execPath, [possier, ...args]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

afterAll(() => {
  for (const folder of folders) {
    chmodSync(folder, 0o700);
    rmSync(folder, { recursive: true, force: true });
  }
});

describe('the files of a till', () => {
  it('are made 0700 (folder) and 0600 (database, -wal, -shm) when a register is set up', () => {
    const dataDir = newDataDir();
    const register = openRegister({ dataDir, ledgerUrl: UNREACHABLE, token: TOKEN });
    try {
      const database = join(dataDir, 'register.sqlite');
      expect(existsSync(`${database}-wal`) && existsSync(`${database}-shm`)).toBe(true);
      expect([dataDir, database, `${database}-wal`, `${database}-shm`].map(modeOf)).toEqual([
        '0700',
        '0600',
        '0600',
        '0600',
      ]);
    } finally {
      register.close();
    }
  });

  it('possier register init leaves a folder 0700 and a database 0600', async () => {
    const dataDir = newDataDir();
    const init = await possierRun('register', 'init', '--ledger', UNREACHABLE, '--token', TOKEN, '--data', dataDir);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('offline');
    expect(modeOf(dataDir)).toBe('0700');
    expect(modeOf(join(dataDir, 'register.sqlite'))).toBe('0600');
  }, 60_000);

  it('a database others can read while it holds the token is refused, naming the path, the mode and the fix', async () => {
    const dataDir = newDataDir();
    openRegister({ dataDir, ledgerUrl: UNREACHABLE, token: TOKEN }).close();
    const database = join(dataDir, 'register.sqlite');
    chmodSync(database, 0o644);

    let refused: unknown;
    try {
      openRegister({ dataDir }).close();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ExposedRegisterDataError);
    const { message } = refused as ExposedRegisterDataError;
    expect(message).toContain(database);
    expect(message).toContain('mode 0644');
    expect(message).toContain(`chmod 700 ${dataDir} && chmod 600 ${database}`);

    const status = await possierRun('register', 'status', '--data', dataDir);
    expect(status.code).not.toBe(0);
    expect(status.stderr).toContain(`chmod 700 ${dataDir} && chmod 600 ${database}`);

    chmodSync(database, 0o600);
    openRegister({ dataDir }).close();
  }, 60_000);

  it('a folder others can list is refused while its database holds the token', () => {
    const dataDir = newDataDir();
    openRegister({ dataDir, ledgerUrl: UNREACHABLE, token: TOKEN }).close();
    chmodSync(dataDir, 0o755);
    expect(() => openRegister({ dataDir })).toThrow(new RegExp(`^${dataDir} is open to other users \\(mode 0755\\)`));
    chmodSync(dataDir, 0o700);
    openRegister({ dataDir }).close();
  });

  it('a register is not set up in a folder others can read: the token is never written there', () => {
    const dataDir = registerDataDir();
    folders.push(dataDir);
    chmodSync(dataDir, 0o755);
    expect(() => openRegister({ dataDir, ledgerUrl: UNREACHABLE, token: TOKEN })).toThrow(ExposedRegisterDataError);
    const database = join(dataDir, 'register.sqlite');
    expect(readFileSync(database).includes(TOKEN)).toBe(false);
    expect(modeOf(database)).toBe('0600');
  });
});
