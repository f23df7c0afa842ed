import type { TokenService } from '@possier/ledger';
import { demoApi } from './demo-api.js';
import { DEMO, DEMO_USERS } from './demo-ids.js';

const owner = DEMO_USERS.find((user) => user.role === 'owner') as (typeof DEMO_USERS)[number];

/**
 * The org's first audit key, put in place by its owner, and the demo day closed and sealed in
 * both stores: so `possier audit export` and `verify` have a sealed day to show, and the next
 * `close-day` has a key to sign with.
 */
export const sealDemoDay = async (url: string, tokens: TokenService, businessDate: string): Promise<void> => {
  const api = demoApi(url);
  const token = await tokens.sign({ kind: 'user', orgId: DEMO.org, userId: owner.userId }, { expiresIn: '1h' });
  await api.command('/v1/audit/keys/rotate', token, { orgId: DEMO.org });
  for (const storeId of [DEMO.bandra, DEMO.koramangala]) {
    await api.command(`/v1/audit/stores/${storeId}/days/${businessDate}/close`, token, { storeId, businessDate });
  }
};
