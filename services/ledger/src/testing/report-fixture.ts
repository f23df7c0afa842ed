import { randomUUID } from 'node:crypto';
import { reportRoutes, type ReportName, type ReportOf } from '@possier/events';
import { expect } from 'vitest';
import { startLedger, uuidv7, type Ledger, type Response } from './ledger-harness.js';
import { startReadSide } from './read-side.js';
import { addUser, playReportScenario } from './report-scenario.js';
import { ok, seedRestaurant, type Restaurant } from './seed.js';

export type ReportFixture = {
  ledger: Ledger;
  /** The org the scenario plays in. */
  shop: Restaurant;
  /** A second org with one ₹60 cash cola in its store A on 2026-11-24. */
  otherOrg: Restaurant;
  /** A user of `shop` with the analyst role over store A only. */
  analystA: string;
  /** A user of `shop` holding no role at all. */
  nobody: string;
  orders: Awaited<ReturnType<typeof playReportScenario>>['orders'];
  report(name: ReportName, token: string | undefined, query: Record<string, string>): Promise<Response>;
  /** A report that must be served: 200, with a body the contract's own response schema accepts. */
  served<Name extends ReportName>(name: Name, token: string, query: Record<string, string>): Promise<ReportOf<Name>>;
  close(): Promise<void>;
};

/**
 * A ledger with two orgs, the relay and projector running, the report scenario played in the
 * first org, and every event projected: the reports' figures are final when this returns.
 */
export const startReportFixture = async (options: { dashboardDir?: string } = {}): Promise<ReportFixture> => {
  const ledger = await startLedger(options);
  const shop = await seedRestaurant(ledger);
  const otherOrg = await seedRestaurant(ledger);
  const readSide = await startReadSide(ledger);
  const analystA = await addUser(ledger, shop, 'Meera', [
    { role: 'analyst', scope: { level: 'store', storeId: shop.ids.storeA } },
  ]);
  const nobody = await addUser(ledger, shop, 'Kabir', []);
  const { orders } = await playReportScenario(ledger, shop);
  ok(
    await ledger.post('/v1/orders', otherOrg.r1Token, {
      commandId: uuidv7(),
      occurredAt: '2026-11-24T13:05:00+05:30',
      data: {
        orderId: uuidv7(),
        storeId: otherOrg.ids.storeA,
        channel: 'dine_in',
        lines: [{ lineId: randomUUID(), itemId: otherOrg.ids.cola, quantity: 1 }],
        tenders: [{ paymentId: randomUUID(), kind: 'cash', amountPaise: 6_000 }],
      },
    }),
  );

  const report: ReportFixture['report'] = (name, token, query) =>
    ledger.get(`${reportRoutes[name].path}?${new URLSearchParams(query)}`, token);
  const served: ReportFixture['served'] = async (name, token, query) => {
    const response = await report(name, token, query);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return reportRoutes[name].response.parse(response.body) as never;
  };

  // Every event appended so far projected, so the figures are final, and the checkpoints sit at
  // the log's head for `possier status`.
  await readSide.settle();
  await readSide.stop();

  return {
    ledger,
    shop,
    otherOrg,
    analystA: analystA.token,
    nobody: nobody.token,
    orders,
    report,
    served,
    close: () => ledger.close(),
  };
};
