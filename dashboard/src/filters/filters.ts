import { addDays, IsoDate, localDateAndHour, type ReportScopeView } from '@possier/events';

/**
 * What every report on the page is asked for: one store or every store the token may read
 * (`storeId` null), and business dates `from`–`to`, both included. The brand narrows the store
 * choice; the reports API takes no brand, so figures for a brand come from its stores one at a
 * time unless the brand holds every store in scope.
 */
export type Filters = { brandId: string | null; storeId: string | null; from: string; to: string };

/** The period shown when the address names none: the last seven business days, today included. */
export const DEFAULT_DAYS = 7;

/** Today's business date in the store's time zone. */
export const businessToday = (now: Date, timeZone: string): string =>
  localDateAndHour(now.toISOString(), timeZone).date;

const dateOrNull = (value: string | null): string | null =>
  value !== null && IsoDate.safeParse(value).success ? value : null;

/** Filters from the address's query string (`?from=…&to=…&brand=…&store=…`), so a view can be shared. */
export const readFilters = (search: string, today: string): Filters => {
  const params = new URLSearchParams(search);
  const to = dateOrNull(params.get('to')) ?? today;
  const from = dateOrNull(params.get('from')) ?? addDays(to, -(DEFAULT_DAYS - 1));
  return { brandId: params.get('brand') || null, storeId: params.get('store') || null, from, to };
};

export const writeFilters = (filters: Filters): string => {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.brandId) params.set('brand', filters.brandId);
  if (filters.storeId) params.set('store', filters.storeId);
  return `?${params}`;
};

export type StoreChoices = { stores: ReportScopeView['stores']; allowAll: boolean };

/** The stores the store filter offers under a brand, and whether "all stores" may be one of them. */
export const storeChoices = (scope: ReportScopeView, brandId: string | null): StoreChoices => {
  const stores = brandId === null ? scope.stores : scope.stores.filter((store) => store.brandId === brandId);
  return { stores, allowAll: stores.length === scope.stores.length };
};

/**
 * Filters made to fit the scope: a brand with no store in scope is dropped, and a brand that
 * holds only some of the stores in scope narrows "all stores" to its first store. A store outside
 * the scope is kept, so the API refuses it by name instead of the page quietly showing another.
 */
export const settleFilters = (filters: Filters, scope: ReportScopeView): Filters => {
  const brandId = scope.brands.some((brand) => brand.brandId === filters.brandId) ? filters.brandId : null;
  const { stores, allowAll } = storeChoices(scope, brandId);
  const storeId = filters.storeId ?? (allowAll ? null : (stores[0]?.storeId ?? null));
  return { ...filters, brandId, storeId };
};

/** The query string parameters every dated report takes. */
export const periodQuery = (filters: Filters): Record<string, string> => ({
  ...(filters.storeId ? { storeId: filters.storeId } : {}),
  from: filters.from,
  to: filters.to,
});
