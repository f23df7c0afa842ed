import { createHash } from 'node:crypto';
import { mintUuidV7 } from '@possier/events';

/**
 * The demo tenant's ids are fixed, derived from a name, so a second start finds the tenant the
 * first one seeded and prints the same tokens.
 */
export const demoId = (name: string): string =>
  mintUuidV7({
    msecs: Date.UTC(2026, 0, 1),
    random: createHash('sha256').update(`possier-demo:${name}`).digest().subarray(0, 16),
  });

export const DEMO = {
  org: demoId('org'),
  pizzaBrand: demoId('brand:pizza-lane'),
  chaiBrand: demoId('brand:chai-corner'),
  bandra: demoId('store:bandra'),
  andheri: demoId('store:andheri'),
  koramangala: demoId('store:koramangala'),
  bandraTill1: demoId('register:bandra-1'),
  bandraTill2: demoId('register:bandra-2'),
  andheriTill1: demoId('register:andheri-1'),
  koramangalaTill1: demoId('register:koramangala-1'),
  food: demoId('tax:restaurant-service'),
  drinks: demoId('tax:aerated-drinks'),
  dough: demoId('stock:dough'),
  chaiLeaf: demoId('stock:chai-leaf'),
} as const;

/** One user per role; the owner holds the org, the others the scope their role is usually given. */
export const DEMO_USERS = [
  { role: 'owner', name: 'Asha Rao', scope: { level: 'org' } },
  { role: 'brand_manager', name: 'Vikram Shah', scope: { level: 'brand', brandId: DEMO.pizzaBrand } },
  { role: 'store_manager', name: 'Meera Iyer', scope: { level: 'store', storeId: DEMO.bandra } },
  { role: 'cashier', name: 'Ravi Kumar', scope: { level: 'store', storeId: DEMO.bandra } },
  { role: 'accountant', name: 'Farah Khan', scope: { level: 'org' } },
  { role: 'analyst', name: 'Dev Menon', scope: { level: 'org' } },
].map((user) => ({ ...user, userId: demoId(`user:${user.role}`) }));
