import { toHex, utf8Bytes } from '../audit/index.js';
import type { CatalogListing } from '../setup.contract.js';
import type { MenuRow } from './menu-csv.js';
import { sameName } from './same-name.js';

type Item = CatalogListing['items'][number];
type TaxCategory = CatalogListing['taxCategories'][number];

/** One command an import sends, and the row it comes from. */
export type MenuChange =
  | { action: 'add'; row: MenuRow }
  | { action: 'price'; row: MenuRow; item: Item }
  | { action: 'tax'; row: MenuRow; item: Item };

export type MenuPlan = {
  changes: MenuChange[];
  /** Rows whose item is already on the menu exactly so. */
  unchanged: number;
  /** Items of the brand the file does not name: an import leaves them as they are. */
  untouched: number;
};

/** The code an item is billed under: its own, else its category's. */
const effectiveCode = (hsnSac: string | null | undefined, category: TaxCategory | undefined): string | undefined =>
  hsnSac ?? category?.hsnSac;

/**
 * What an import of `rows` into a brand whose menu is `items` must send: an item the menu lacks
 * (by name, without case) is added; one whose price or tax classification differs is changed; one
 * that matches is left alone. So importing the same file twice sends nothing the second time.
 */
export const planMenu = (
  rows: ReadonlyArray<MenuRow>,
  items: ReadonlyArray<Item>,
  taxCategories: ReadonlyArray<TaxCategory>,
  priceIncludesTax: boolean,
): MenuPlan => {
  const changes: MenuChange[] = [];
  let unchanged = 0;
  const named = new Set<string>();
  for (const row of rows) {
    const item = items.find((candidate) => sameName(candidate.name, row.name));
    if (!item) {
      changes.push({ action: 'add', row });
      continue;
    }
    named.add(item.itemId);
    const before = changes.length;
    if (item.unitPricePaise !== row.pricePaise || item.priceIncludesTax !== priceIncludesTax)
      changes.push({ action: 'price', row, item });
    const current = taxCategories.find((category) => category.taxCategoryId === item.taxCategoryId);
    if (
      item.taxCategoryId !== row.taxCategory.taxCategoryId ||
      effectiveCode(item.hsnSac, current) !== effectiveCode(row.hsnSac, row.taxCategory)
    )
      changes.push({ action: 'tax', row, item });
    if (changes.length === before) unchanged += 1;
  }
  return { changes, unchanged, untouched: items.filter((item) => !named.has(item.itemId)).length };
};

/** SHA-256 of some bytes, from the host (node:crypto on a server, a library in the browser). */
export type Sha256 = (bytes: Uint8Array) => Uint8Array;

/**
 * The id an imported item gets: a name-based UUID (version 8, from SHA-256, RFC 9562) of its org,
 * brand and name without case. The same row imported twice names the same item, so a second
 * import can never define it twice, even when its listing of the menu is a moment behind the log
 * (`GET /v1/catalog` reads the log as its readers see it, behind any transaction still open), and
 * the command line and the dashboard name one item alike.
 */
export const menuItemId = (sha256: Sha256, orgId: string, brandId: string, name: string): string => {
  const digest = sha256(utf8Bytes(`possier menu item\0${orgId}\0${brandId}\0${name.trim().toLowerCase()}`));
  const bytes = digest.slice(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
