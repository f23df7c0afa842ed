import type { Projection } from '../projection.js';
import { catalogProjection } from './catalog.projection.js';
import { customerSalesProjection } from './customer-sales.projection.js';
import { daySealsProjection } from './day-seals.projection.js';
import { gstSummaryProjection } from './gst-summary.projection.js';
import { itemSalesProjection } from './item-sales.projection.js';
import { loyaltyDaysProjection } from './loyalty-days.projection.js';
import { loyaltyProjection } from './loyalty.projection.js';
import { offlineConflictsProjection } from './offline-conflicts.projection.js';
import { ordersProjection } from './orders.projection.js';
import { paymentMixProjection } from './payment-mix.projection.js';
import { receivablesProjection } from './receivables.projection.js';
import { salesByHourProjection } from './sales-by-hour.projection.js';
import { shiftsProjection } from './shifts.projection.js';
import { statementEntriesProjection } from './statement-entries.projection.js';
import { stockItemsProjection } from './stock-items.projection.js';
import { stockMovementsProjection } from './stock-movements.projection.js';
import { stockOnHandProjection } from './stock-on-hand.projection.js';
import { storesProjection } from './stores.projection.js';
import { tabsProjection } from './tabs.projection.js';
import { tenancyProjection } from './tenancy.projection.js';

export { envelopeStoreId, StorelessEventError } from './envelope-store.js';
export { UnknownPaymentError } from './payment-mix.projection.js';
export { UnknownLoyaltyAccountError } from './loyalty.projection.js';
export { UnknownOrderLineError } from './sold-lines.js';

/** Every projection by name; each names the tables it writes and the event types it reads. */
export const projections: Readonly<Record<string, Projection>> = Object.fromEntries(
  [
    tenancyProjection,
    storesProjection,
    catalogProjection,
    ordersProjection,
    salesByHourProjection,
    itemSalesProjection,
    paymentMixProjection,
    gstSummaryProjection,
    stockOnHandProjection,
    stockItemsProjection,
    stockMovementsProjection,
    offlineConflictsProjection,
    shiftsProjection,
    daySealsProjection,
    receivablesProjection,
    statementEntriesProjection,
    customerSalesProjection,
    loyaltyProjection,
    tabsProjection,
    loyaltyDaysProjection,
  ].map((projection) => [projection.name, projection]),
);

export {
  catalogProjection,
  customerSalesProjection,
  daySealsProjection,
  loyaltyProjection,
  loyaltyDaysProjection,
  gstSummaryProjection,
  itemSalesProjection,
  offlineConflictsProjection,
  ordersProjection,
  paymentMixProjection,
  receivablesProjection,
  salesByHourProjection,
  shiftsProjection,
  statementEntriesProjection,
  stockItemsProjection,
  stockMovementsProjection,
  stockOnHandProjection,
  storesProjection,
  tabsProjection,
  tenancyProjection,
};
