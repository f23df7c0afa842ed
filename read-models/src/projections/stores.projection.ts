import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { upsert } from '../row-change.js';
import { rmStores } from '../tables.js';

/** The stores, chiefly as the projector's source of each store's time zone. */
export const storesProjection: Projection = {
  name: 'stores',
  tables: [rmStores.name],
  eventTypes: ['StoreCreated'],
  project: (event) => {
    const decoded = decode(event);
    if (decoded?.type !== 'StoreCreated') return [];
    const { storeId, brandId, name, timeZone, stateCode, gstin } = decoded.data;
    return [
      upsert(
        rmStores,
        { org_id: event.orgId, store_id: storeId },
        { brand_id: brandId, name, time_zone: timeZone, state_code: stateCode, gstin: gstin ?? null },
      ),
    ];
  },
};
