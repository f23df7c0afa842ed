import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { eventually, startLedger, type Ledger } from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/possier.js', import.meta.url));
const ID = /[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/;

type Run = { stdout: string; stderr: string; code: number };

let ledger: Ledger;
let folder: string;

beforeAll(async () => {
  ledger = await startLedger();
  folder = await mkdtemp(join(tmpdir(), 'possier-setup-'));
}, 60_000);

afterAll(async () => {
  await ledger?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
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

const MENU_WITH_ERRORS = [
  'name,category,price,tax category,HSN/SAC',
  'Masala Dosa,Mains,120,Food 5%,',
  'Filter Coffee,Drinks,45.50,Food 5%,',
  'Mango Lassi,Drinks,12.345,Drinks,',
  'Paneer Roll,Rolls,150,Sweets,',
  'masala dosa,Mains,130,Food 5%,',
  'Lime Soda,Drinks,60,Drinks,22021',
  '',
].join('\n');

const MENU = [
  'name,category,price,tax category,HSN/SAC',
  'Masala Dosa,Mains,120,Food 5%,',
  'Filter Coffee,Drinks,45.50,Food 5%,',
  'Mango Lassi,Drinks,"1,250.00",Drinks,',
  'Paneer Roll,Rolls,150,Food 5%,',
  'Lime Soda,Drinks,60,Drinks,220210',
  '',
].join('\n');

describe('setting up a restaurant from the command line', () => {
  it('goes from nothing to a register that sells, by names, with a menu imported from CSV', async () => {
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

    const early = await possier(owner, ['store', 'create', '--name', 'Koramangala', '--state', '29']);
    expect(early.stderr).toBe(
      'error SETUP.BRAND_MISSING at --brand: there is no brand yet: create one with possier brand create\n',
    );

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

    await ok(owner, ['tax-category', 'create', '--name', 'Food 5%', '--rate', '5', '--hsn-sac', '996331']);
    await ok(owner, ['tax-category', 'create', '--name', 'Drinks', '--rate', '18', '--hsn-sac', '220299']);
    // The catalog is read from the global log, below the oldest transaction open on the server.
    await eventually(async () =>
      expect(await ok(owner, ['tax-category', 'list'])).toMatch(/Drinks\s+18%\s+220299\nFood 5%\s+5%\s+996331/),
    );

    // The ingredients a recipe will use, named once; the same again records nothing, another name renames.
    const dough = JSON.parse(
      await ok(owner, ['stock-item', 'define', '--name', 'Dosa batter', '--unit', 'g', '--json']),
    ) as { stockItemId: string };
    expect(dough.stockItemId).toMatch(ID);
    const again = ['stock-item', 'define', '--id', dough.stockItemId, '--unit', 'g'];
    expect(await ok(owner, [...again, '--name', 'Dosa batter'])).toContain('"Dosa batter" (g) already so named');
    expect(await ok(owner, [...again, '--name', 'Dosa batter, fermented'])).toContain('renamed');
    const unit = await possier(owner, [
      'stock-item',
      'define',
      '--id',
      dough.stockItemId,
      '--name',
      'x',
      '--unit',
      'ml',
    ]);
    expect([unit.code, unit.stderr]).toEqual([1, expect.stringMatching(/^error STOCK\.UNIT_CHANGED at data\.unit: /)]);

    // A file with bad rows: every one named by line and column, and nothing sent.
    const bad = join(folder, 'menu-bad.csv');
    await writeFile(bad, MENU_WITH_ERRORS);
    const head = await ledger.store.headGlobalPosition();
    const refused = await possier(owner, ['menu', 'import', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')).toEqual([
      'error MENU.INVALID_ROW at line 4, price: "12.345" is not an amount in rupees like 450 or 450.50',
      'error MENU.INVALID_ROW at line 5, tax category: the org has no tax category named "Sweets" (it has Food 5%, Drinks; create it first)',
      'error MENU.INVALID_ROW at line 6, name: "masala dosa" is on line 2 already',
      'error MENU.INVALID_ROW at line 7, hsn/sac: "22021" must be an HSN code of 4, 6 or 8 digits, or a 6-digit SAC',
      `error MENU.NOT_IMPORTED at ${bad}: nothing was imported: 4 errors on 4 lines; fix them and import again`,
      '',
    ]);
    expect(await ledger.store.headGlobalPosition()).toBe(head);
    expect(JSON.parse(await ok(owner, ['menu', 'list', '--json']))).toEqual([]);

    // A dry run says what would change and sends nothing.
    const good = join(folder, 'menu.csv');
    await writeFile(good, MENU);
    const dry = await ok(owner, ['menu', 'import', good, '--dry-run']);
    expect(dry).toContain('would add 5 items, would change 0 prices and 0 tax categories');
    expect(dry).toContain('(dry run: nothing was sent)');
    expect(await ledger.store.headGlobalPosition()).toBe(head);

    const imported = await ok(owner, ['menu', 'import', good]);
    expect(imported).toMatch(/\s+2\s+Masala Dosa\s+add\s+₹120\.00\s+Food 5%\s+996331/);
    expect(imported).toContain('added 5 items, changed 0 prices and 0 tax categories; 0 already as the file says');
    await eventually(async () => {
      const menu = JSON.parse(await ok(owner, ['menu', 'list', '--json'])) as Array<Record<string, unknown>>;
      expect(menu.map((item) => [item.name, item.unitPricePaise, item.taxCategory, item.code])).toEqual([
        ['Filter Coffee', 4550, 'Food 5%', '996331'],
        ['Lime Soda', 6000, 'Drinks', '220210'],
        ['Mango Lassi', 125000, 'Drinks', '220299'],
        ['Masala Dosa', 12000, 'Food 5%', '996331'],
        ['Paneer Roll', 15000, 'Food 5%', '996331'],
      ]);
    });

    // The same file again changes nothing; a changed price changes that price only.
    const afterImport = await ledger.store.headGlobalPosition();
    expect(await ok(owner, ['menu', 'import', good])).toBe(
      'added 0 items, changed 0 prices and 0 tax categories; 5 already as the file says; 0 items of the menu not in the file left as they are\n',
    );
    expect(await ledger.store.headGlobalPosition()).toBe(afterImport);
    await writeFile(good, MENU.replace('Paneer Roll,Rolls,150,', 'Paneer Roll,Rolls,160,'));
    const repriced = await ok(owner, ['menu', 'import', good]);
    expect(repriced).toMatch(/\s+5\s+Paneer Roll\s+new price\s+₹160\.00\s+₹150\.00/);
    expect(repriced).toContain('added 0 items, changed 1 price and 0 tax categories; 4 already as the file says');

    // The register sells from the imported menu.
    const registerToken = (
      await ok('', [
        'token',
        'mint',
        '--kind',
        'register',
        '--org',
        till.orgId,
        '--brand',
        till.brandId,
        '--store',
        till.storeId,
        '--register',
        till.registerId,
      ])
    ).trim();
    const data = join(folder, 'till');
    await ok('', ['register', 'init', '--token', registerToken, '--data', data]);
    const sale = await ok('', ['register', 'sell', '--item', 'Masala Dosa:2', '--cash', '300', '--data', data]);
    expect(sale).toMatch(/payable ₹252\.00 \(GST ₹12\.00\), change ₹48\.00/);
    expect(sale).toMatch(/synced: \d+ accepted, 0 already stored, 0 rejected, 0 conflicts; 0 queued/);

    // A lost till and a person who left are stopped by name.
    const lost = await ok(owner, ['register', 'deactivate', 'till 1', '--store', 'Koramangala', '--reason', 'lost']);
    expect(lost).toContain(`register ${till.registerId} deactivated`);
    expect((await ledger.get(`/v1/registers/${till.registerId}/catalog`, registerToken)).status).toBe(401);
    expect(await ok(owner, ['user', 'deactivate', 'ravi@spiceroute.in', '--reason', 'left'])).toContain('deactivated');
    expect(await ok(owner, ['user', 'list'])).toMatch(/Ravi Kumar\s+ravi@spiceroute.in\s+deactivated/);
    await ok(owner, ['register', 'reactivate', 'Till 1', '--reason', 'found']);
    expect((await ledger.get(`/v1/registers/${till.registerId}/catalog`, registerToken)).status).toBe(200);
  }, 120_000);
});
