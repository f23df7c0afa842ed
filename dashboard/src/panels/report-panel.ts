import { DEFAULT_TIME_ZONE, type ReportScopeView } from '@possier/events';
import type { LedgerApi } from '../api/ledger-api';
import type { Filters } from '../filters/filters';

/** Names for the ids reports carry, from the token's scope; an id outside it is shown as the id. */
export type Names = {
  store(storeId: string): string;
  register(registerId: string): string;
  timeZone(storeId: string): string;
};

export const namesOf = (scope: ReportScopeView | null): Names => {
  const stores = new Map(scope?.stores.map((store) => [store.storeId, store]));
  const registers = new Map(scope?.registers.map((register) => [register.registerId, register.name]));
  return {
    store: (storeId) => stores.get(storeId)?.name ?? storeId,
    register: (registerId) => registers.get(registerId) ?? registerId,
    timeZone: (storeId) => stores.get(storeId)?.timeZone ?? DEFAULT_TIME_ZONE,
  };
};

/** What every report panel is given: the API with the token, the filters, the names, and a refresh counter. */
export type ReportPanelProps = { api: LedgerApi; filters: Filters; names: Names; refresh: number };

/** The keys a dated report reloads on. */
export const periodKeys = ({ api, filters, refresh }: ReportPanelProps): unknown[] => [
  api,
  filters.storeId,
  filters.from,
  filters.to,
  refresh,
];
