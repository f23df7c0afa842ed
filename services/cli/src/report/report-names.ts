import { ReportScopeView } from '@possier/events/report-contracts';
import { callApi, readJson, type Connection } from '../api-client.js';

/** Ids → the names a person reads: stores, registers and brands, as the caller's scope lists them. */
export type Names = { store(id: string): string; register(id: string): string; brand(id: string): string };

/** What a table shows when no names are known: the ids themselves. */
export const idsOnly: Names = { store: (id) => id, register: (id) => id, brand: (id) => id };

export const namesOf = (scope: ReportScopeView): Names => {
  const stores = new Map(scope.stores.map((store) => [store.storeId, store.name]));
  const registers = new Map(scope.registers.map((register) => [register.registerId, register.name]));
  const brands = new Map(scope.brands.map((brand) => [brand.brandId, brand.name]));
  return {
    store: (id) => stores.get(id) ?? id,
    // Registers are named within their store ("Till 1"): the store says which till it is.
    register: (id) => registers.get(id) ?? id,
    brand: (id) => brands.get(id) ?? id,
  };
};

/**
 * The names of the caller's scope (`GET /v1/scope`), for a table; the ids when the scope cannot be
 * read (a ledger too old to serve it): a table with ids beats no table.
 */
export const fetchNames = async (connection: Connection): Promise<Names> => {
  try {
    return namesOf(await readJson(await callApi(connection, '/v1/scope'), ReportScopeView));
  } catch {
    return idsOnly;
  }
};

const ID_FIELDS = { storeId: 'store', registerId: 'register', brandId: 'brand' } as const;

/** A row with its store, register and brand ids as names, for a table; CSV and JSON keep the ids. */
export const named = <Row extends Readonly<Record<string, unknown>>>(row: Row, names: Names): Row =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => {
      const kind = ID_FIELDS[key as keyof typeof ID_FIELDS];
      return [key, kind !== undefined && typeof value === 'string' ? names[kind](value) : value];
    }),
  ) as Row;
