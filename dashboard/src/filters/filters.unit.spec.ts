import type { ReportScopeView } from '@possier/events';
import { describe, expect, it } from 'vitest';
import { businessToday, periodQuery, readFilters, settleFilters, storeChoices, writeFilters } from './filters';

const BRAND_A = '0195a1b0-0000-7000-8000-00000000000a';
const BRAND_B = '0195a1b0-0000-7000-8000-00000000000b';
const STORE_1 = '0195a1b0-0000-7000-8000-000000000001';
const STORE_2 = '0195a1b0-0000-7000-8000-000000000002';
const STORE_3 = '0195a1b0-0000-7000-8000-000000000003';

const scope: ReportScopeView = {
  orgId: '0195a1b0-0000-7000-8000-0000000000ff',
  orgName: 'Spice Route Hospitality',
  signedInAs: { kind: 'user', name: 'Asha Rao' },
  brands: [
    { brandId: BRAND_A, name: 'Pizza Lane' },
    { brandId: BRAND_B, name: 'Dosa Corner' },
  ],
  stores: [
    { storeId: STORE_1, brandId: BRAND_A, name: 'Bandra', timeZone: 'Asia/Kolkata' },
    { storeId: STORE_2, brandId: BRAND_A, name: 'Koramangala', timeZone: 'Asia/Kolkata' },
    { storeId: STORE_3, brandId: BRAND_B, name: 'Indiranagar', timeZone: 'Asia/Kolkata' },
  ],
  registers: [],
};

describe('filters', () => {
  it('default to the last seven business days, today included, in the store’s time zone', () => {
    const today = businessToday(new Date('2026-11-24T20:00:00Z'), 'Asia/Kolkata');
    expect(today).toBe('2026-11-25');
    expect(readFilters('', today)).toEqual({ brandId: null, storeId: null, from: '2026-11-19', to: '2026-11-25' });
  });

  it('round-trip through the address, ignoring dates that are not dates', () => {
    const filters = { brandId: BRAND_A, storeId: STORE_2, from: '2026-11-01', to: '2026-11-30' };
    expect(readFilters(writeFilters(filters), '2026-12-31')).toEqual(filters);
    expect(readFilters('?from=yesterday&to=2026-11-30', '2026-12-31')).toMatchObject({
      from: '2026-11-24',
      to: '2026-11-30',
    });
  });

  it('offer "all stores" only where the brand holds every store in scope', () => {
    expect(storeChoices(scope, null)).toEqual({ stores: scope.stores, allowAll: true });
    expect(storeChoices(scope, BRAND_B)).toEqual({ stores: [scope.stores[2]], allowAll: false });
  });

  it('narrow a brand that holds only some stores to its first store, since reports take no brand', () => {
    const period = { from: '2026-11-24', to: '2026-11-25' };
    expect(settleFilters({ ...period, brandId: BRAND_A, storeId: null }, scope)).toMatchObject({
      brandId: BRAND_A,
      storeId: STORE_1,
    });
    expect(settleFilters({ ...period, brandId: null, storeId: null }, scope).storeId).toBeNull();
    const oneBrand = { ...scope, brands: [scope.brands[0]!], stores: scope.stores.slice(0, 2) };
    expect(settleFilters({ ...period, brandId: BRAND_A, storeId: null }, oneBrand).storeId).toBeNull();
  });

  it('drop a brand outside the scope but keep a store outside it, for the API to refuse by name', () => {
    const outside = '0195a1b0-0000-7000-8000-000000000099';
    const settled = settleFilters({ from: '2026-11-24', to: '2026-11-25', brandId: outside, storeId: outside }, scope);
    expect(settled).toMatchObject({ brandId: null, storeId: outside });
  });

  it('ask each dated report for the store only when one is chosen', () => {
    const period = { from: '2026-11-24', to: '2026-11-25' };
    expect(periodQuery({ ...period, brandId: null, storeId: null })).toEqual(period);
    expect(periodQuery({ ...period, brandId: null, storeId: STORE_1 })).toEqual({ ...period, storeId: STORE_1 });
  });
});
