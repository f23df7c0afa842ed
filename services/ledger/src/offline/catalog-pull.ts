import {
  catalogEventDefinitions,
  domainError,
  type DomainError,
  type CatalogPullResponse,
  type RegisterPrincipal,
  type StoredEvent,
  type TenancyStore,
} from '@possier/events';
import type { LedgerContext } from '../commands/ledger-context.js';

const CATALOG_TYPES = catalogEventDefinitions.map((definition) => definition.schema.shape.type.value);
const PAGE = 5_000;

/** Every catalog event of the org after `after` (from the start when undefined), in log order. */
export const catalogEventsAfter = async (
  ledger: LedgerContext,
  orgId: string,
  after: string | undefined,
  types: ReadonlyArray<string> = CATALOG_TYPES,
): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await ledger.store.readAll({ after: cursor, limit: PAGE, filter: { orgId, types } });
    events.push(...page);
    if (page.length < PAGE) return events;
    cursor = (page.at(-1) as StoredEvent).logPosition;
  }
};

const itemIdOf = (event: StoredEvent): string | undefined =>
  event.streamId.startsWith('item-') ? event.streamId.slice('item-'.length) : undefined;

/**
 * The catalog changes a register has not seen: entries of the items whose streams moved after
 * `after`, resolved for the register's store exactly as a checkout on the server resolves them
 * (`catalogFor`). A changed tax category touches every item in it, and a first pull knows
 * nothing, so both answer with the brand's whole catalog and say so (`complete`).
 *
 * Cost: a pull reads the org's catalog events since `after`; a complete one reads the item
 * definitions from the start of the log as well.
 */
export const pullCatalog = async (
  ledger: LedgerContext,
  register: RegisterPrincipal,
  store: TenancyStore,
  after: string | undefined,
  names: NonNullable<CatalogPullResponse['store']['names']> = {},
): Promise<CatalogPullResponse | DomainError> => {
  const head = await ledger.store.headPosition();
  if (after !== undefined && head !== null && after > head) {
    return domainError('REGISTER.POSITION_AHEAD', 'after', 'is past the end of the log; pull from the start');
  }
  const changed = await catalogEventsAfter(ledger, register.orgId, after);
  const storeFacts = {
    storeId: register.storeId,
    brandId: store.brandId,
    stateCode: store.stateCode,
    timeZone: store.timeZone,
    names: { ...names, store: store.name },
  } as CatalogPullResponse['store'];
  if (changed.length === 0) return { store: storeFacts, complete: false, entries: [], position: after ?? null };

  const complete = after === undefined || changed.some((event) => event.streamId.startsWith('tax_category-'));
  const itemIds = complete
    ? (await catalogEventsAfter(ledger, register.orgId, undefined, ['ItemDefined'])).flatMap((event) =>
        (event.data as { brandId?: string }).brandId === store.brandId ? [itemIdOf(event) as string] : [],
      )
    : [...new Set(changed.flatMap((event) => itemIdOf(event) ?? []))];
  const catalog = await ledger.catalogFor(register.orgId, store.brandId, register.storeId, itemIds);
  return {
    store: storeFacts,
    complete,
    entries: Object.values(catalog),
    position: (changed.at(-1) as StoredEvent).logPosition,
  };
};
