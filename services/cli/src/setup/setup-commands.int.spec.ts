import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startLedger, type Ledger } from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/possier.js', import.meta.url));
const ID = /[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/;

type Run = { stdout: string; stderr: string; code: number };

let ledger: Ledger;

beforeAll(async () => {
  ledger = await startLedger();
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

/** Runs `possier` as a person would, against the test's ledger, signing tokens with its key. */
const possier = async (token: string, args: ReadonlyArray<string>): Promise<Run> => {
  const env = { ...process.env, POSSIER_URL: ledger.url, POSSIER_TOKEN: token, POSSIER_JWT_SECRET: ledger.jwtSecret };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
};

const ok = async (token: string, args: ReadonlyArray<string>): Promise<string> => {
  const run = await possier(token, args);
  expect(run.code, `possier ${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run.stdout;
};

describe('setting up a restaurant from the command line', () => {
  it('goes from nothing to an org with a store, a register and a cashier, and lists them by name', async () => {
    const operator = (await ok('', ['token', 'mint', '--kind', 'operator', '--operator', 'support'])).trim();
    const org = JSON.parse(
      await ok(operator, [
        'org',
        'create',
        '--name',
        'Spice Route',
        '--owner-name',
        'Asha Rao',
        '--owner-email',
        'asha@spiceroute.in',
        '--json',
      ]),
    ) as { orgId: string; ownerUserId: string };
    const owner = (
      await ok('', ['token', 'mint', '--kind', 'user', '--org', org.orgId, '--user', org.ownerUserId])
    ).trim();

    // Each created thing is printed once with its name and id.
    expect(await ok(owner, ['brand', 'create', '--name', 'Dosa Corner'])).toMatch(
      new RegExp(`^brand "Dosa Corner" created, id ${ID.source}\\n$`),
    );
    expect(await ok(owner, ['store', 'create', '--name', 'Koramangala', '--state', '29'])).toMatch(
      new RegExp(`^store "Koramangala" created, id ${ID.source}\\n$`),
    );
    const taken = await possier(owner, ['store', 'create', '--name', 'koramangala', '--state', '29']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toBe(
      'error SETUP.NAME_TAKEN at --name: org "Spice Route" already has a store named "koramangala"\n',
    );
    const unknown = await possier(owner, ['register', 'create', '--store', 'Indiranagar', '--name', 'Till 1']);
    expect(unknown.stderr).toBe(
      'error SETUP.NOT_FOUND at --store: no store named "Indiranagar"; there are: Koramangala\n',
    );

    const till = JSON.parse(
      await ok(owner, ['register', 'create', '--store', 'koramangala', '--name', 'Till 1', '--json']),
    ) as { registerId: string; orgId: string; brandId: string; storeId: string; name: string };
    expect(till.name).toBe('Till 1');
    await ok(owner, [
      'user',
      'add',
      '--name',
      'Ravi Kumar',
      '--email',
      'ravi@spiceroute.in',
      '--role',
      'cashier',
      '--store',
      'Koramangala',
    ]);

    // Lists speak names; ids only in JSON and CSV.
    const brands = await ok(owner, ['brand', 'list']);
    expect(brands).toContain('Dosa Corner');
    expect(brands).not.toMatch(ID);
    const stores = await ok(owner, ['store', 'list']);
    expect(stores).toMatch(/Koramangala\s+Dosa Corner\s+29\s+Asia\/Kolkata\s+1/);
    expect(stores).not.toMatch(ID);
    expect(JSON.parse(await ok(owner, ['store', 'list', '--json']))).toEqual([
      expect.objectContaining({ storeId: till.storeId, name: 'Koramangala', stateCode: '29', brand: 'Dosa Corner' }),
    ]);
    const registers = await ok(owner, ['register', 'list', '--store', 'Koramangala']);
    expect(registers).toMatch(/Till 1\s+Koramangala\s+active/);
    expect(registers).not.toMatch(ID);
    expect((await ok(owner, ['register', 'list', '--csv'])).split('\n')[1]).toBe(
      `${till.registerId},Till 1,${till.storeId},Koramangala,active`,
    );
    const people = await ok(owner, ['user', 'list']);
    expect(people).toMatch(/Asha Rao\s+asha@spiceroute.in\s+active\s+owner at org/);
    expect(people).toMatch(/Ravi Kumar\s+ravi@spiceroute.in\s+active\s+cashier at Koramangala/);
  }, 120_000);
});
