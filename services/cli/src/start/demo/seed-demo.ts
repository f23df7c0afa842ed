import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TokenService } from '@possier/ledger';
import type { PostgresEventStore } from '@possier/store';
import type { Logger } from 'pino';
import { DemoSeedError } from './demo-api.js';
import { sealDemoDay } from './demo-audit.js';
import { DEMO, DEMO_USERS } from './demo-ids.js';
import { issueDemoInvoice } from './demo-invoice.js';
import { DEMO_REGULARS, receiveDemoStock, setUpDemoRegulars } from './demo-regulars.js';
import { createDemoTenant } from './demo-tenant.js';
import { readPizzaDay } from './pizza-day.js';
import { sellDemoDay } from './simulated-register.js';

/** The calendar date in India `days` before now. */
const indiaDate = (days: number): string =>
  new Date(Date.now() + 330 * 60_000 - days * 86_400_000).toISOString().slice(0, 10);

/**
 * Whether an earlier start seeded the demo org in this database: none of its events, or all of
 * them (sealing yesterday is the last step), or some, when that start stopped part way.
 */
const demoIn = async (store: PostgresEventStore): Promise<'absent' | 'complete' | 'half built'> => {
  if ((await store.readAll({ filter: { orgId: DEMO.org }, limit: 1 })).length === 0) return 'absent';
  const sealed = await store.readAll({ filter: { orgId: DEMO.org, types: ['BusinessDayClosed'] }, limit: 1 });
  return sealed.length > 0 ? 'complete' : 'half built';
};

export type DemoTokens = { role: string; name: string; token: string }[];

/**
 * Seeds the demo tenant once (a later start finds it in the log and skips to the tokens), with
 * yesterday's sales from the pizza place's day, an audit key and yesterday sealed, and returns the
 * banner with a token for every role and the registers.
 */
export const seedDemo = async (options: {
  url: string;
  tokens: TokenService;
  store: PostgresEventStore;
  dataDir: string;
  logger: Logger;
}): Promise<{ seeded: boolean; tokens: DemoTokens; banner: string }> => {
  const { url, tokens, logger } = options;
  const registerToken = (brandId: string, storeId: string, registerId: string) =>
    tokens.sign({ kind: 'register', orgId: DEMO.org, brandId, storeId, registerId }, { expiresIn: '30d' });
  const found = await demoIn(options.store);
  if (found === 'half built')
    throw new DemoSeedError(
      'the demo tenant in this database is half built (an earlier start stopped while seeding it): start on an empty database, or with --no-demo',
    );
  const seeded = found === 'absent';
  if (seeded) {
    logger.info({ org: DEMO.org }, 'seeding the demo tenant');
    // Tills left by a demo seeded into another database (this folder ran embedded, now on
    // PostgreSQL, or the database was dropped) hold sales this one has never seen: start them anew.
    await rm(join(options.dataDir, 'demo-registers'), { recursive: true, force: true });
    const day = await readPizzaDay();
    await createDemoTenant(url, tokens, day.menu);
    await setUpDemoRegulars(url, tokens);
    await receiveDemoStock(url, tokens);
    const cashier = DEMO_USERS.find((user) => user.role === 'cashier') as (typeof DEMO_USERS)[number];
    const businessDate = indiaDate(1);
    const prices = new Map(day.menu.map((entry) => [entry.key, entry.unitPricePaise]));
    const bandra = await sellDemoDay({
      dataDir: join(options.dataDir, 'demo-registers', 'bandra-till-2'),
      ledgerUrl: url,
      token: await registerToken(DEMO.pizzaBrand, DEMO.bandra, DEMO.bandraTill2),
      businessDate,
      orders: day.orders,
      prices,
      customers: DEMO_REGULARS.map((regular) => regular.customerId),
      shift: {
        cashier: cashier.userId,
        floatPaise: 200_000,
        payOut: { at: '13:00:00', amountPaise: 45_000, reason: 'Vegetables from the market' },
        closeAt: '23:15:00',
        countedVariancePaise: -3_000,
      },
      logger,
    });
    const koramangala = await sellDemoDay({
      dataDir: join(options.dataDir, 'demo-registers', 'koramangala-till-1'),
      ledgerUrl: url,
      token: await registerToken(DEMO.pizzaBrand, DEMO.koramangala, DEMO.koramangalaTill1),
      businessDate,
      orders: day.orders.filter((_, index) => index % 4 === 1),
      prices,
      logger,
    });
    await issueDemoInvoice(url, tokens, businessDate);
    await sealDemoDay(url, tokens, businessDate);
    logger.info(
      { businessDate, bandra, koramangala, interStateInvoices: 1, regulars: DEMO_REGULARS.length, sealed: true },
      'demo day sold and sealed',
    );
  }
  const demoTokens: DemoTokens = [];
  for (const user of DEMO_USERS) {
    demoTokens.push({
      role: user.role,
      name: user.name,
      token: await tokens.sign({ kind: 'user', orgId: DEMO.org, userId: user.userId }, { expiresIn: '12h' }),
    });
  }
  demoTokens.push({
    role: 'register',
    name: 'Pizza Lane Bandra, Till 1',
    token: await registerToken(DEMO.pizzaBrand, DEMO.bandra, DEMO.bandraTill1),
  });
  demoTokens.push({
    role: 'operator',
    name: 'demo operator',
    token: await tokens.sign({ kind: 'operator', operatorId: 'demo' }, { expiresIn: '1h' }),
  });
  // For scripts (and the quick-start test): the same tokens, readable by the data folder's owner only.
  await writeFile(join(options.dataDir, 'demo-tokens.json'), `${JSON.stringify(demoTokens, null, 2)}\n`, {
    mode: 0o600,
  });
  const banner = [
    `Demo tenant: Spice Route Hospitality (org ${DEMO.org})${seeded ? ', seeded now' : ''}.`,
    `Tokens (minted at each start: users' last 12 hours, the operator's 1 hour, the register's 30 days; also in ${join(options.dataDir, 'demo-tokens.json')}):`,
    ...demoTokens.map((entry) => `  ${entry.role.padEnd(14)} ${entry.name.padEnd(26)} ${entry.token}`),
  ].join('\n');
  return { seeded, tokens: demoTokens, banner };
};
