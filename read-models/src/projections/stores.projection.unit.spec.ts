import { describe, expect, it } from 'vitest';
import { rowsOf } from '../memory-tables.js';
import { rmStores } from '../tables.js';
import { fold } from '../testing/fold.js';
import { BRAND, DUBAI_STORE, ORG, STORE } from '../testing/fixtures.js';
import { withStore } from '../testing/scenarios.js';
import { storesProjection } from './stores.projection.js';

describe('stores projection', () => {
  describe('given stores created', () => {
    it('records each with the time zone the projector dates its sales in', () => {
      const ledger = withStore();
      ledger.createStore(
        {
          orgId: ORG,
          storeId: DUBAI_STORE,
          brandId: BRAND,
          name: 'Dubai Mall',
          timeZone: 'Asia/Dubai',
          stateCode: '27',
          gstin: '27AAPFU0939F1ZV',
        },
        '2026-11-02T10:00:00+04:00',
      );
      expect(rowsOf(fold([storesProjection], ledger.events), rmStores)).toEqual([
        {
          org_id: ORG,
          store_id: STORE,
          brand_id: BRAND,
          name: 'Bandra',
          time_zone: 'Asia/Kolkata',
          state_code: '27',
          gstin: null,
        },
        {
          org_id: ORG,
          store_id: DUBAI_STORE,
          brand_id: BRAND,
          name: 'Dubai Mall',
          time_zone: 'Asia/Dubai',
          state_code: '27',
          gstin: '27AAPFU0939F1ZV',
        },
      ]);
    });
  });
});
