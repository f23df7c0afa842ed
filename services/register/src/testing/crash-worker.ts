/**
 * A till that sells a seeded run of sales and syncs as it goes, for the crash suite to kill.
 * It reports each step on stdout; killed at any point and started again, it carries on: a sale
 * whose order is already in its database is not sold twice, whatever the last thing it said.
 *
 * argv: dataDir ledgerUrl token seed total pizza cheese cola [voidEvery]. With `voidEvery`, each
 * sale n with n % voidEvery === voidEvery - 1 is followed by a void of sale n - 10 (synced or
 * not), as a till voiding a sale the web may be reversing meanwhile.
 */
import { pino } from 'pino';
import { LedgerUnreachableError } from '../ledger-client.js';
import { openRegister } from '../register-agent.js';
import { SaleRefusedError } from '../sale-refused-error.js';
import { seededId, seededSale } from './sales.js';

const [dataDir, ledgerUrl, token, seed, totalText, pizza, cheese, cola, voidEveryText] = process.argv.slice(
  2,
) as string[];
const total = Number(totalText);
const voidEvery = voidEveryText === undefined ? 0 : Number(voidEveryText);
const menu = { pizza: pizza as string, cheese: cheese as string, cola: cola as string };
const say = (line: string) => process.stdout.write(`${line}\n`);

const register = openRegister({
  dataDir: dataDir as string,
  ledgerUrl: ledgerUrl as string,
  token: token as string,
  logger: pino({ level: 'silent' }),
});
const sold = register.db.prepare('SELECT 1 FROM orders WHERE order_id = ?');
say('ready');

const push = async () => {
  say('push');
  try {
    await register.sync();
  } catch (error) {
    if (!(error instanceof LedgerUnreachableError)) throw error;
  }
};

for (let n = 0; n < total; n += 1) {
  if (sold.get(seededId(seed as string, 'order', n))) continue;
  say(`sell ${n}`);
  register.till.checkout(seededSale(seed as string, n, menu));
  if (voidEvery > 0 && n >= 10 && n % voidEvery === voidEvery - 1) {
    try {
      register.till.voidOrder(seededId(seed as string, 'order', n - 10), 'keyed on the wrong table');
      say(`void ${n - 10}`);
    } catch (error) {
      // Voided before a kill and restart: once is enough.
      if (!(error instanceof SaleRefusedError)) throw error;
    }
  }
  if (n % 25 === 24) await push();
}
while (register.status().queuedEvents > 0) await push();
say('done');
register.close();
