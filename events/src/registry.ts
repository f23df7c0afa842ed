import { auditEventDefinitions, auditEventUpcasters } from './audit/audit.events.js';
import { catalogEventDefinitions } from './catalog/catalog-event-definitions.js';
import { customerEventDefinitions } from './customer/customer.events.js';
import { createEventRegistry } from './event-registry.js';
import { invoiceEventDefinitions } from './invoice/invoice.events.js';
import { loyaltyEventDefinitions } from './loyalty/loyalty.events.js';
import { offlineConflictEventDefinitions } from './order/offline-conflict.js';
import { orderEventDefinitions } from './order/order.events.js';
import { tabEventDefinitions } from './order/tab.events.js';
import { paymentEventDefinitions } from './payment/payment.events.js';
import { salesImportEventDefinitions } from './sales-import/sales-import.events.js';
import { shiftEventDefinitions } from './shift/shift.decider.js';
import { stockItemEventDefinitions } from './stock/stock-item.decider.js';
import { stockEventDefinitions } from './stock/stock.decider.js';
import { tenancyEventDefinitions } from './tenancy/tenancy.events.js';

/**
 * Every event type of the ledger at its current schema version, with the upcasters that bring
 * older stored versions up to it (see event-registry.ts for the rules an upcaster keeps).
 */
export const eventRegistry = createEventRegistry(
  [
    ...orderEventDefinitions,
    ...tabEventDefinitions,
    ...offlineConflictEventDefinitions,
    ...paymentEventDefinitions,
    ...stockEventDefinitions,
    ...stockItemEventDefinitions,
    ...shiftEventDefinitions,
    ...catalogEventDefinitions,
    ...invoiceEventDefinitions,
    ...tenancyEventDefinitions,
    ...auditEventDefinitions,
    ...customerEventDefinitions,
    ...loyaltyEventDefinitions,
    ...salesImportEventDefinitions,
  ],
  [...auditEventUpcasters],
);
