import { describe, expect, it } from 'vitest';
import { ReportScopeView } from './scope.contract.js';
import { BRAND, ORG, REGISTER, STORE } from './testing/fixtures.js';

const scope = {
  orgId: ORG,
  orgName: 'Pizza Lane Foods',
  signedInAs: { kind: 'user' as const, name: 'Asha Rao' },
  brands: [{ brandId: BRAND, name: 'Pizza Lane' }],
  stores: [{ storeId: STORE, brandId: BRAND, name: 'Bandra', timeZone: 'Asia/Kolkata' }],
  registers: [{ registerId: REGISTER, storeId: STORE, name: 'Till 1' }],
};

describe('the report scope contract', () => {
  it('reads the ledger’s answer unchanged', () => {
    expect(ReportScopeView.parse(scope)).toEqual(scope);
  });

  it('refuses a store without its time zone, which a page needs to read business dates', () => {
    const { timeZone: _timeZone, ...store } = scope.stores[0]!;
    const result = ReportScopeView.safeParse({ ...scope, stores: [store] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['stores', 0, 'timeZone']);
  });
});
