import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { seedRestaurant, startLedger, type Ledger, type Restaurant } from '@possier/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/possier.js', import.meta.url));

type Run = { stdout: string; stderr: string; code: number };

let ledger: Ledger;
let shop: Restaurant;

beforeAll(async () => {
  ledger = await startLedger();
  shop = await seedRestaurant(ledger);
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

/** Runs the command through its launcher, with the ledger's URL and the given token. */
const possier = async (token: string, args: ReadonlyArray<string>): Promise<Run> => {
  const options = { env: { ...process.env, POSSIER_URL: ledger.url, POSSIER_TOKEN: token } };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], options);
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
};

describe('possier user and possier register deactivate / reactivate', () => {
  it('deactivates a register and a user, whose next requests are refused, and reactivates them', async () => {
    const { org, r1, cashierA } = shop.ids;
    const register = await possier(shop.ownerToken, ['register', 'deactivate', r1, '--org', org, '--reason', 'stolen']);
    expect(register.code, register.stderr).toBe(0);
    expect(register.stdout).toMatch(new RegExp(`^register ${r1} deactivated \\(event [0-9a-f-]{36}\\): its tokens`));
    expect((await ledger.get(`/v1/registers/${r1}/catalog`, shop.r1Token)).status).toBe(401);

    const user = await possier(shop.ownerToken, ['user', 'deactivate', cashierA, '--org', org, '--reason', 'left']);
    expect(user.code, user.stderr).toBe(0);
    expect(user.stdout).toContain(`user ${cashierA} deactivated`);
    const refused = await possier(shop.cashierToken, ['report', 'stock']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`error AUTH.PRINCIPAL_DEACTIVATED: user ${cashierA} has been deactivated`);

    const again = await possier(shop.ownerToken, ['user', 'reactivate', cashierA, '--org', org, '--reason', 'rehired']);
    expect(again.stdout).toContain(`user ${cashierA} reactivated`);
    const back = await possier(shop.ownerToken, ['register', 'reactivate', r1, '--org', org, '--reason', 'found']);
    expect(back.stdout).toContain(`register ${r1} reactivated`);
    expect((await ledger.get(`/v1/registers/${r1}/catalog`, shop.r1Token)).status).toBe(200);
    expect((await ledger.get('/v1/scope', shop.cashierToken)).status).toBe(200);
  });

  it("prints the ledger's refusal: a cashier may not deactivate anyone, an owner not themselves", async () => {
    const { org, r2, owner } = shop.ids;
    const cashier = await possier(shop.cashierToken, ['register', 'deactivate', r2, '--org', org, '--reason', 'x']);
    expect(cashier.code).toBe(1);
    expect(cashier.stderr).toMatch(/^error AUTH\.FORBIDDEN: .*may not deactivate or reactivate registers/);
    const self = await possier(shop.ownerToken, ['user', 'deactivate', owner, '--org', org, '--reason', 'x']);
    expect(self.code).toBe(1);
    expect(self.stderr).toContain('error TENANCY.CANNOT_DEACTIVATE_SELF at data.userId');
  });
});

describe('possier token issue', () => {
  it('has the ledger issue an owner a till’s token by the register’s name, which the till can use at once', async () => {
    const { r2 } = shop.ids;
    const issued = await possier(shop.ownerToken, ['token', 'issue', '--register', 'Till 2']);
    expect(issued.code, issued.stderr).toBe(0);
    expect(issued.stderr).toMatch(new RegExp(`^token for register ${r2}, valid until \\S+; it is shown only now`));
    expect((await ledger.get(`/v1/registers/${r2}/catalog`, issued.stdout.trim())).status).toBe(200);
  });

  it("prints the ledger's refusal to a cashier", async () => {
    const { org, cashierA } = shop.ids;
    const refused = await possier(shop.cashierToken, ['token', 'issue', '--user', cashierA, '--org', org]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error AUTH\.FORBIDDEN: no role of user .* covers org/);
  });
});
