import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openRegister } from '../register-agent.js';

/** This process's peak resident set (VmHWM) in MB, where /proc has it. */
const peakRssMb = (): number | undefined => {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The bench's offline replay (`npm run bench`), run from the built package as a register is
 * deployed. A register of its own process (so its memory is its own): pulls its catalog, sells checkouts
 * into its outbox without syncing until it holds `events` events, then times one sync that pushes
 * them all. Prints `{ events, seconds, accepted, peakRssMb }` as JSON on its last line.
 */
const { values } = parseArgs({
  options: {
    ledger: { type: 'string' },
    token: { type: 'string' },
    menu: { type: 'string' },
    events: { type: 'string', default: '10000' },
  },
});
const menu = JSON.parse(values.menu ?? '{}') as { pizza: string; cheese: string; garlicBread: string; cola: string };
const dataDir = mkdtempSync(join(tmpdir(), 'possier-bench-register-'));
const register = openRegister({ dataDir, ledgerUrl: values.ledger, token: values.token });
try {
  await register.sync();
  const wanted = Number(values.events);
  let queued = 0;
  for (let n = 0; queued < wanted; n += 1) {
    const { events } = register.till.checkout({
      orderId: crypto.randomUUID(),
      channel: 'takeaway',
      lines: [
        { lineId: crypto.randomUUID(), itemId: menu.pizza, quantity: 2, modifierIds: [menu.cheese] },
        { lineId: crypto.randomUUID(), itemId: menu.garlicBread, quantity: 1, modifierIds: [] },
        { lineId: crypto.randomUUID(), itemId: menu.cola, quantity: 1, modifierIds: [] },
      ],
      tenders: [
        { paymentId: crypto.randomUUID(), kind: 'card', amountPaise: 50_000 },
        { paymentId: crypto.randomUUID(), kind: 'cash', amountPaise: 100_000 },
      ],
    });
    queued += events.length;
  }
  const started = performance.now();
  const summary = await register.sync();
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ events: queued, seconds, accepted: summary.accepted, peakRssMb: peakRssMb() }));
} finally {
  register.close();
  rmSync(dataDir, { recursive: true, force: true });
}
