import { ItemKind, OfflineConflict, OrderChannel, Role, StockUnit, SupplyKind, TenderKind } from '@possier/events';

/**
 * Every read-model table, declared once. The Prisma schema and the SQL applier are generated from
 * or checked against these declarations, and the in-memory applier enforces them, so a projection
 * that writes a column the table does not have fails its unit test, not a migration.
 *
 * Conventions: every table starts its key with `org_id` (row-level security keys on it); money is
 * `bigint` integer paise in columns named `*_paise`; counters default to 0 so an increment can
 * create the row; dates are store-local business dates (`date`), instants keep their offset
 * (`timestamptz`).
 */

/** A column value as a row change carries it. Money is integer paise; dates are `YYYY-MM-DD`. */
export type Scalar = string | number | boolean | null;

export type ColumnType = 'uuid' | 'text' | 'date' | 'smallint' | 'integer' | 'bigint' | 'boolean' | 'timestamptz';

export type ColumnShape = {
  readonly type: ColumnType;
  readonly nullable: boolean;
  /** Used when an insert does not name the column; a NOT NULL column without one must be named. */
  readonly default?: Scalar;
  /** The only values a text column takes, for a CHECK constraint. */
  readonly oneOf?: ReadonlyArray<string>;
};

export type TableShape = {
  readonly name: string;
  readonly key: ReadonlyArray<string>;
  /** In declaration order, key columns included. */
  readonly columns: Readonly<Record<string, ColumnShape>>;
};

export type ColumnOf<Table extends TableShape> = keyof Table['columns'] & string;

const required = (type: ColumnType) => ({ type, nullable: false }) as const;
const optional = (type: ColumnType) => ({ type, nullable: true, default: null }) as const;
const counter = (type: 'integer' | 'bigint' = 'bigint') => ({ type, nullable: false, default: 0 }) as const;
const oneOf = (values: ReadonlyArray<string>) => ({ type: 'text', nullable: false, oneOf: values }) as const;

const defineTable = <const Columns extends Record<string, ColumnShape>>(
  name: string,
  key: ReadonlyArray<keyof Columns & string>,
  columns: Columns,
) => ({ name, key, columns });

export const ORDER_STATUSES = ['placed', 'voided', 'partially_refunded', 'refunded'] as const;
export const SHIFT_STATUSES = ['open', 'closed'] as const;
export const RECEIVABLE_STATUSES = ['issued', 'overdue', 'settled'] as const;
/** B2C: a register's orders, to unregistered guests. B2B: tax invoices to GSTIN holders. */
export const GST_SEGMENTS = ['B2C', 'B2B'] as const;

export const SCOPE_LEVELS = ['org', 'brand', 'store'] as const;

/** A deactivated user or register keeps its row; `deactivated_at` says since when its tokens are refused. */
export const PRINCIPAL_STATUSES = ['active', 'deactivated'] as const;
const principalStatus = { ...oneOf(PRINCIPAL_STATUSES), default: 'active' } as const;

export const rmOrgs = defineTable('rm_orgs', ['org_id'], {
  org_id: required('uuid'),
  name: required('text'),
});

export const rmBrands = defineTable('rm_brands', ['org_id', 'brand_id'], {
  org_id: required('uuid'),
  brand_id: required('uuid'),
  name: required('text'),
});

/** The projector's source of store time zones (invariant 8). */
export const rmStores = defineTable('rm_stores', ['org_id', 'store_id'], {
  org_id: required('uuid'),
  store_id: required('uuid'),
  brand_id: required('uuid'),
  name: required('text'),
  time_zone: required('text'),
  state_code: required('text'),
  gstin: optional('text'),
});

export const rmRegisters = defineTable('rm_registers', ['org_id', 'register_id'], {
  org_id: required('uuid'),
  register_id: required('uuid'),
  store_id: required('uuid'),
  name: required('text'),
  status: principalStatus,
  deactivated_at: optional('timestamptz'),
});

export const rmUsers = defineTable('rm_users', ['org_id', 'user_id'], {
  org_id: required('uuid'),
  user_id: required('uuid'),
  name: required('text'),
  email: required('text'),
  status: principalStatus,
  deactivated_at: optional('timestamptz'),
});

/**
 * Every role a user has been granted over a node of the org → brand → store tree. A revoked grant
 * keeps its row with `revoked_at` set, so "who could act here, and until when" stays answerable; a
 * grant in force has `revoked_at` NULL. A re-grant clears it and moves `granted_at` to the new
 * grant. `scope_id` is the brand or store id, or the org id itself for an org-wide grant, so the
 * key needs no NULL.
 */
export const rmRoleGrants = defineTable('rm_role_grants', ['org_id', 'user_id', 'role', 'scope_level', 'scope_id'], {
  org_id: required('uuid'),
  user_id: required('uuid'),
  role: oneOf(Role.options),
  scope_level: oneOf(SCOPE_LEVELS),
  scope_id: required('uuid'),
  granted_at: required('timestamptz'),
  revoked_at: optional('timestamptz'),
});

/** An org-wide GST slab and default HSN/SAC code; `rate_bp` is the rate in force from `rate_effective_from`. */
export const rmTaxCategories = defineTable('rm_tax_categories', ['org_id', 'tax_category_id'], {
  org_id: required('uuid'),
  tax_category_id: required('uuid'),
  name: required('text'),
  rate_bp: required('smallint'),
  hsn_sac: required('text'),
  rate_effective_from: required('timestamptz'),
});

/**
 * A brand's menu item or modifier at its brand price; a store's own price sits in
 * rm_item_store_prices. `hsn_sac` is the item's override, NULL when its tax category's code
 * applies. An inactive item cannot be sold but keeps its row (it may be reactivated).
 */
export const rmItems = defineTable('rm_items', ['org_id', 'item_id'], {
  org_id: required('uuid'),
  item_id: required('uuid'),
  brand_id: required('uuid'),
  name: required('text'),
  kind: oneOf(ItemKind.options),
  tax_category_id: required('uuid'),
  hsn_sac: optional('text'),
  unit_price_paise: required('bigint'),
  price_includes_tax: required('boolean'),
  /** When the brand price took (or takes) effect: the definition, or the last brand price change. */
  price_effective_from: required('timestamptz'),
  active: required('boolean'),
});

/** A store's override of an item's brand price (airport outlets charge more). */
export const rmItemStorePrices = defineTable('rm_item_store_prices', ['org_id', 'item_id', 'store_id'], {
  org_id: required('uuid'),
  item_id: required('uuid'),
  store_id: required('uuid'),
  unit_price_paise: required('bigint'),
  price_includes_tax: required('boolean'),
  price_effective_from: required('timestamptz'),
});

/**
 * The current recipe of each item: base units of each stock item one unit sold depletes. A
 * RecipeSet replaces the whole recipe, so its projection deletes the item's rows and writes the
 * new ones (see the `delete` row change): the table holds exactly the recipes in force, and a
 * reader needs no version to filter by.
 */
export const rmRecipeComponents = defineTable('rm_recipe_components', ['org_id', 'item_id', 'stock_item_id'], {
  org_id: required('uuid'),
  item_id: required('uuid'),
  stock_item_id: required('uuid'),
  /** 0-based place in the recipe as it was set, so the recipe reads back in its own order. */
  position: required('smallint'),
  quantity: required('bigint'),
});

const billFigures = {
  gross_paise: required('bigint'),
  discount_paise: required('bigint'),
  service_charge_paise: required('bigint'),
  taxable_paise: required('bigint'),
  cgst_paise: required('bigint'),
  sgst_paise: required('bigint'),
  igst_paise: required('bigint'),
} as const;

export const rmOrders = defineTable('rm_orders', ['org_id', 'order_id'], {
  org_id: required('uuid'),
  order_id: required('uuid'),
  store_id: required('uuid'),
  register_id: optional('uuid'),
  shift_id: optional('uuid'),
  order_number: optional('text'),
  channel: oneOf(OrderChannel.options),
  supply: oneOf(SupplyKind.options),
  place_of_supply: required('text'),
  placed_at: required('timestamptz'),
  /** Date and hour of the sale in the store's zone: a void or refund never moves them. */
  business_date: required('date'),
  hour: required('smallint'),
  status: oneOf(ORDER_STATUSES),
  ...billFigures,
  tax_paise: required('bigint'),
  total_paise: required('bigint'),
  round_off_paise: required('bigint'),
  payable_paise: required('bigint'),
  tendered_paise: required('bigint'),
  change_paise: required('bigint'),
  refunded_paise: counter(),
  voided_at: optional('timestamptz'),
  void_reason: optional('text'),
  /** Who voided it (the void's actor), for voids by staff member. */
  voided_by: optional('uuid'),
});

export const rmOrderLines = defineTable('rm_order_lines', ['org_id', 'order_id', 'line_id'], {
  org_id: required('uuid'),
  order_id: required('uuid'),
  line_id: required('uuid'),
  store_id: required('uuid'),
  /** 0-based place on the bill, so a receipt lists lines as they were rung up. */
  position: required('smallint'),
  item_id: required('uuid'),
  name: required('text'),
  /** Modifier names joined with ", "; empty when none. */
  modifiers: required('text'),
  hsn_sac: required('text'),
  rate_bp: required('smallint'),
  quantity: required('integer'),
  unit_price_paise: required('bigint'),
  price_includes_tax: required('boolean'),
  ...billFigures,
  total_paise: required('bigint'),
  refunded_quantity: counter('integer'),
  refunded_paise: counter(),
});

/** Voids and refunds sit in their own columns, dated when they happened (see sales-by-hour). */
export const rmSalesByHour = defineTable('rm_sales_by_hour', ['org_id', 'store_id', 'business_date', 'hour'], {
  org_id: required('uuid'),
  store_id: required('uuid'),
  business_date: required('date'),
  hour: required('smallint'),
  orders_count: counter('integer'),
  gross_paise: counter(),
  discount_paise: counter(),
  service_charge_paise: counter(),
  taxable_paise: counter(),
  tax_paise: counter(),
  round_off_paise: counter(),
  payable_paise: counter(),
  /** The part of gross that is GST, on items priced with tax included: gross − discount + service charge − this = taxable. */
  tax_included_paise: counter(),
  /** Tips on card, UPI and wallet tenders: paid on top of the bill, for the staff, not sales. */
  tips_paise: counter(),
  voids_count: counter('integer'),
  voided_paise: counter(),
  /** What a void reversed, split as GST reads it: voided = voided taxable + voided tax + voided round-off. */
  voided_taxable_paise: counter(),
  voided_tax_paise: counter(),
  voided_round_off_paise: counter(),
  refunds_count: counter('integer'),
  refunded_paise: counter(),
  /** The same split for refunds: refunded = refunded taxable + refunded tax + refunded round-off. */
  refunded_taxable_paise: counter(),
  refunded_tax_paise: counter(),
  refunded_round_off_paise: counter(),
});

export const rmItemSales = defineTable('rm_item_sales', ['org_id', 'store_id', 'business_date', 'item_id'], {
  org_id: required('uuid'),
  store_id: required('uuid'),
  business_date: required('date'),
  item_id: required('uuid'),
  /** The name the item had when the day's first sale of it was projected. */
  name: required('text'),
  quantity_sold: counter('integer'),
  taxable_paise: counter(),
  refunded_quantity: counter('integer'),
  refunded_taxable_paise: counter(),
  voided_quantity: counter('integer'),
  voided_taxable_paise: counter(),
});

export const rmPaymentMix = defineTable('rm_payment_mix', ['org_id', 'store_id', 'business_date', 'tender_kind'], {
  org_id: required('uuid'),
  store_id: required('uuid'),
  business_date: required('date'),
  tender_kind: oneOf(TenderKind.options),
  tenders_count: counter('integer'),
  /** What the tenders contributed to bills: amount handed over less change. Σ applied = Σ payable. */
  applied_paise: counter(),
  tips_paise: counter(),
  refunds_count: counter('integer'),
  refunded_paise: counter(),
  voided_paise: counter(),
});

/** Net of refunds and voids, which subtract on the day they happen. */
export const rmGstSummary = defineTable(
  'rm_gst_summary',
  ['org_id', 'store_id', 'business_date', 'rate_bp', 'hsn_sac', 'supply', 'segment'],
  {
    org_id: required('uuid'),
    store_id: required('uuid'),
    business_date: required('date'),
    rate_bp: required('smallint'),
    hsn_sac: required('text'),
    supply: oneOf(SupplyKind.options),
    segment: oneOf(GST_SEGMENTS),
    taxable_paise: counter(),
    cgst_paise: counter(),
    sgst_paise: counter(),
    igst_paise: counter(),
  },
);

/** Quantities in base units (grams, millilitres, pieces). */
export const rmStockOnHand = defineTable('rm_stock_on_hand', ['org_id', 'store_id', 'stock_item_id'], {
  org_id: required('uuid'),
  store_id: required('uuid'),
  stock_item_id: required('uuid'),
  on_hand: counter(),
  last_counted_quantity: optional('bigint'),
  last_counted_at: optional('timestamptz'),
});

/** What a person calls a stock item, and the base unit its quantities count in (org-wide). */
export const rmStockItems = defineTable('rm_stock_items', ['org_id', 'stock_item_id'], {
  org_id: required('uuid'),
  stock_item_id: required('uuid'),
  name: required('text'),
  unit: oneOf(StockUnit.options),
});

export const STOCK_MOVEMENT_KINDS = ['receipt', 'sale', 'waste', 'transfer_in', 'transfer_out', 'count'] as const;

/**
 * Every movement of a store's stock, one row per event, dated by the store's business date: what
 * a period's stock report folds. `quantity` is the signed change in base units, except for a count,
 * where it is the quantity counted (the variance needs the on hand before it, which only the fold
 * over earlier rows knows). Rows are ordered by `occurred_at`, then `global_position`, so a sale
 * made before a count but replayed after it is still placed before the count.
 */
export const rmStockMovements = defineTable('rm_stock_movements', ['org_id', 'store_id', 'stock_item_id', 'event_id'], {
  org_id: required('uuid'),
  store_id: required('uuid'),
  stock_item_id: required('uuid'),
  event_id: required('uuid'),
  business_date: required('date'),
  occurred_at: required('timestamptz'),
  global_position: required('bigint'),
  kind: oneOf(STOCK_MOVEMENT_KINDS),
  quantity: required('bigint'),
});

/**
 * What a manager must look at after offline sales were replayed: one row per conflict the ledger
 * recorded (a price or rate that changed, an item no longer sold, stock taken below zero). The
 * sale itself stands in every other table.
 */
/**
 * One row per conflict, keyed by the replayed event it was found in (`placed_event_id`, a sale's
 * OrderPlaced or a reversal's own event): one order may meet several, a sale's and a void's.
 */
export const rmOfflineConflicts = defineTable(
  'rm_offline_conflicts',
  ['org_id', 'order_id', 'placed_event_id', 'conflict_index'],
  {
    org_id: required('uuid'),
    order_id: required('uuid'),
    placed_event_id: required('uuid'),
    conflict_index: required('smallint'),
    store_id: required('uuid'),
    register_id: optional('uuid'),
    kind: oneOf(OfflineConflict.shape.kind.options),
    path: required('text'),
    detail: required('text'),
    item_id: optional('uuid'),
    stock_item_id: optional('uuid'),
    on_hand_after: optional('bigint'),
    recorded_at: required('timestamptz'),
  },
);

export const rmShifts = defineTable('rm_shifts', ['org_id', 'shift_id'], {
  org_id: required('uuid'),
  shift_id: required('uuid'),
  store_id: required('uuid'),
  register_id: required('uuid'),
  opened_by: required('uuid'),
  opened_at: required('timestamptz'),
  business_date: required('date'),
  status: oneOf(SHIFT_STATUSES),
  float_paise: required('bigint'),
  cash_in_paise: counter(),
  cash_out_paise: counter(),
  closed_by: optional('uuid'),
  closed_at: optional('timestamptz'),
  cash_sales_paise: optional('bigint'),
  change_given_paise: optional('bigint'),
  cash_refunds_paise: optional('bigint'),
  expected_cash_paise: optional('bigint'),
  counted_cash_paise: optional('bigint'),
  /** Counted − expected; negative when the drawer is short. */
  variance_paise: optional('bigint'),
});

/** A running tab (table service): open while the meal goes on, settled when its order is placed. */
export const TAB_STATUSES = ['open', 'settled', 'closed_empty'] as const;

/**
 * One row per tab: where it sat, for how many, how many kitchen tickets and bills it took, what
 * was cancelled off it, and, once settled, what it came to. Dated by the business date it opened;
 * a tab still open after its date is what the floor report lists as left open.
 */
export const rmTabs = defineTable('rm_tabs', ['org_id', 'order_id'], {
  org_id: required('uuid'),
  order_id: required('uuid'),
  store_id: required('uuid'),
  table_name: optional('text'),
  tab_name: optional('text'),
  channel: oneOf(OrderChannel.options),
  covers: required('integer'),
  opened_by: optional('uuid'),
  opened_at: required('timestamptz'),
  business_date: required('date'),
  status: oneOf(TAB_STATUSES),
  rounds: counter('integer'),
  bills: counter('integer'),
  reprints: counter('integer'),
  cancelled_lines: counter('integer'),
  cancelled_after_bill: counter('integer'),
  cancelled_paise: counter(),
  closed_at: optional('timestamptz'),
  closed_business_date: optional('date'),
  payable_paise: counter(),
});

/** One row per cancellation of a fired line, with who took it off, why, and whether the guest had seen the bill. */
export const rmTabCancellations = defineTable('rm_tab_cancellations', ['org_id', 'event_id'], {
  org_id: required('uuid'),
  event_id: required('uuid'),
  order_id: required('uuid'),
  store_id: required('uuid'),
  business_date: required('date'),
  line_id: required('uuid'),
  item_id: required('uuid'),
  item_name: required('text'),
  quantity: required('integer'),
  gross_paise: required('bigint'),
  reason: required('text'),
  after_bill: required('boolean'),
  actor_id: optional('uuid'),
  occurred_at: required('timestamptz'),
});

export const DAY_SEAL_KINDS = ['close', 'amendment'] as const;

/**
 * Each seal of a store's business date, as BusinessDayClosed (amendment 0) and BusinessDayAmended
 * (1, 2, …) recorded it: who sealed, with which key, and which stretch of the global log it covers
 * (`after_position` exclusive, null from the start; `through_position` inclusive, the store's own
 * log-position tokens, which sort as text in log order). What the seal's events hold in money is
 * read from rm_seal_takings by that stretch and the date in `time_zone`, the seal's own zone.
 */
export const rmDaySeals = defineTable('rm_day_seals', ['org_id', 'store_id', 'business_date', 'amendment'], {
  org_id: required('uuid'),
  store_id: required('uuid'),
  business_date: required('date'),
  amendment: required('integer'),
  kind: oneOf(DAY_SEAL_KINDS),
  seal_event_id: required('uuid'),
  sealed_at: required('timestamptz'),
  sealed_by: required('uuid'),
  /** The org's audit key that signed the seal, by its fingerprint (not a uuid). */
  signing_key: required('text'),
  time_zone: required('text'),
  after_position: optional('text'),
  through_position: optional('text'),
  event_count: required('integer'),
  merkle_root: required('text'),
});

/**
 * One row per money event of a store — a sale placed, a tender, a void, a refund — with its sale
 * time and its place in the global log, so that the money a seal covers is summed from exactly
 * the events the seal names: those of its date (in the seal's zone) within its stretch of the log.
 * A void or refund counts where it was made (its own time), as every dated report counts it.
 */
export const rmSealTakings = defineTable('rm_seal_takings', ['org_id', 'event_id'], {
  org_id: required('uuid'),
  event_id: required('uuid'),
  store_id: required('uuid'),
  occurred_at: required('timestamptz'),
  log_position: required('text'),
  orders_count: counter('integer'),
  payable_paise: counter(),
  /** The tender's kind on a tender's row; null on the others. */
  tender_kind: { ...optional('text'), oneOf: TenderKind.options },
  applied_paise: counter(),
  voids_count: counter('integer'),
  voided_paise: counter(),
  refunds_count: counter('integer'),
  refunded_paise: counter(),
});

export const rmReceivables = defineTable('rm_receivables', ['org_id', 'invoice_id'], {
  org_id: required('uuid'),
  invoice_id: required('uuid'),
  store_id: required('uuid'),
  invoice_number: required('text'),
  customer_id: required('uuid'),
  customer_name: required('text'),
  customer_gstin: required('text'),
  issue_date: required('date'),
  due_date: required('date'),
  payable_paise: required('bigint'),
  paid_paise: counter(),
  outstanding_paise: required('bigint'),
  status: oneOf(RECEIVABLE_STATUSES),
  last_paid_on: optional('date'),
  settled_on: optional('date'),
  overdue_as_of: optional('date'),
  /** Credit and debit notes against the invoice, and early-payment discounts taken: all in outstanding. */
  credited_paise: counter(),
  debited_paise: counter(),
  discount_paise: counter(),
});

export const STATEMENT_ENTRY_KINDS = [
  'invoice',
  'correction',
  'credit_note',
  'debit_note',
  'payment',
  'discount',
] as const;

/**
 * One row per event that moved what a customer owes on an invoice: the lines of a customer
 * statement. `debit_paise` raises the balance (an invoice, a debit note, a correction upwards),
 * `credit_paise` lowers it. The customer is the invoice's (rm_receivables), so a payment's row
 * needs no more than its invoice. Rows of one date order by when they were recorded, then by
 * their place in the invoice's stream.
 */
export const rmStatementEntries = defineTable('rm_statement_entries', ['org_id', 'entry_id'], {
  org_id: required('uuid'),
  entry_id: required('uuid'),
  store_id: required('uuid'),
  invoice_id: required('uuid'),
  entry_date: required('date'),
  kind: oneOf(STATEMENT_ENTRY_KINDS),
  /** The note's number, or the payment's reference; null for the invoice's own rows. */
  document_number: optional('text'),
  debit_paise: counter(),
  credit_paise: counter(),
  recorded_at: required('timestamptz'),
  stream_position: required('integer'),
});

/**
 * Sales to named customers per store and business date: visits are orders, spend is payable;
 * refunds and voids subtract on the day they happen. Customer ids only: names are decrypted at
 * read time, so an erased customer's rows stay and read as "erased customer".
 */
export const rmCustomerSales = defineTable(
  'rm_customer_sales',
  ['org_id', 'store_id', 'business_date', 'customer_id'],
  {
    org_id: required('uuid'),
    store_id: required('uuid'),
    business_date: required('date'),
    customer_id: required('uuid'),
    orders_count: counter('integer'),
    spend_paise: counter(),
    refunded_paise: counter(),
    voided_paise: counter(),
  },
);

/** Each customer's points with a brand, as the account stream has them: the liability's quantity. */
export const rmLoyaltyAccounts = defineTable('rm_loyalty_accounts', ['org_id', 'brand_id', 'customer_id'], {
  org_id: required('uuid'),
  brand_id: required('uuid'),
  customer_id: required('uuid'),
  points: counter(),
  earned_points: counter(),
  redeemed_points: counter(),
  reversed_points: counter(),
  expired_points: counter(),
});

/**
 * A customer's points by business date, the movements of rm_loyalty_accounts dated: a period's
 * loyalty report is opening (sum of `points` before it) + the period's rows = closing.
 * `points` = earned − redeemed − reversed − expired on every row, as on the account.
 */
export const rmLoyaltyDays = defineTable('rm_loyalty_days', ['org_id', 'brand_id', 'customer_id', 'business_date'], {
  org_id: required('uuid'),
  brand_id: required('uuid'),
  customer_id: required('uuid'),
  business_date: required('date'),
  points: counter(),
  earned_points: counter(),
  redeemed_points: counter(),
  reversed_points: counter(),
  expired_points: counter(),
});

/** A brand's loyalty rule as last set: the liability's price per point. */
export const rmLoyaltyRules = defineTable('rm_loyalty_rules', ['org_id', 'brand_id'], {
  org_id: required('uuid'),
  brand_id: required('uuid'),
  points_per_100_rupees: required('integer'),
  point_value_paise: required('bigint'),
  expiry_days: required('integer'),
});

export const readModelTables: ReadonlyArray<TableShape> = [
  rmOrgs,
  rmBrands,
  rmStores,
  rmRegisters,
  rmUsers,
  rmRoleGrants,
  rmTaxCategories,
  rmItems,
  rmItemStorePrices,
  rmRecipeComponents,
  rmOrders,
  rmOrderLines,
  rmSalesByHour,
  rmItemSales,
  rmPaymentMix,
  rmGstSummary,
  rmStockOnHand,
  rmStockItems,
  rmStockMovements,
  rmOfflineConflicts,
  rmShifts,
  rmDaySeals,
  rmSealTakings,
  rmReceivables,
  rmStatementEntries,
  rmCustomerSales,
  rmLoyaltyAccounts,
  rmLoyaltyDays,
  rmLoyaltyRules,
  rmTabs,
  rmTabCancellations,
];
