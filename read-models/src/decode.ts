import {
  BrandCreated,
  BusinessDayAmended,
  BusinessDayClosed,
  CashMoved,
  CreditNoteIssued,
  DebitNoteIssued,
  InvoiceDueDateChanged,
  InvoiceEarlyPaymentDiscountTaken,
  InvoiceLineCorrected,
  InvoicePriceCorrected,
  InvoiceIssued,
  InvoiceOverdue,
  InvoicePaymentReceived,
  InvoiceSettled,
  ItemDeactivated,
  OfflineConflictRecorded,
  ItemDefined,
  ItemPriceChanged,
  ItemReactivated,
  ItemRenamed,
  ItemTaxCategoryAssigned,
  LoyaltyRuleSet,
  OrderPlaced,
  OrderRefunded,
  OrderVoided,
  OrganizationCreated,
  PaymentTendered,
  PointsAccrued,
  PointsExpired,
  PointsRedeemed,
  PointsReversed,
  RecipeSet,
  RegisterCreated,
  RegisterDeactivated,
  RegisterReactivated,
  RoleGranted,
  RoleRevoked,
  ShiftClosed,
  ShiftOpened,
  StockAdjusted,
  StockDepleted,
  StockItemDefined,
  StockItemRenamed,
  StoreCreated,
  TaxCategoryDefined,
  TaxRateChanged,
  TipAdjusted,
  UserAdded,
  UserDeactivated,
  UserReactivated,
  TabOpened,
  RoundFired,
  TabLineCancelled,
  TabMoved,
  BillPrinted,
  TabSettled,
  EmptyTabClosed,
} from '@possier/events';
import { z } from 'zod';

/** Every event type some projection reads, parsed against its current schema. */
export const ProjectedEvent = z.discriminatedUnion('type', [
  OrganizationCreated,
  BrandCreated,
  StoreCreated,
  RegisterCreated,
  UserAdded,
  RoleGranted,
  RoleRevoked,
  UserDeactivated,
  UserReactivated,
  RegisterDeactivated,
  RegisterReactivated,
  TaxCategoryDefined,
  TaxRateChanged,
  ItemDefined,
  ItemPriceChanged,
  ItemTaxCategoryAssigned,
  RecipeSet,
  ItemDeactivated,
  OfflineConflictRecorded,
  ItemReactivated,
  ItemRenamed,
  OrderPlaced,
  OrderVoided,
  OrderRefunded,
  PaymentTendered,
  TipAdjusted,
  StockAdjusted,
  StockDepleted,
  StockItemDefined,
  StockItemRenamed,
  ShiftOpened,
  CashMoved,
  ShiftClosed,
  InvoiceIssued,
  InvoicePaymentReceived,
  InvoiceSettled,
  InvoiceOverdue,
  InvoiceLineCorrected,
  InvoicePriceCorrected,
  InvoiceDueDateChanged,
  CreditNoteIssued,
  DebitNoteIssued,
  InvoiceEarlyPaymentDiscountTaken,
  LoyaltyRuleSet,
  PointsAccrued,
  PointsRedeemed,
  PointsReversed,
  PointsExpired,
  TabOpened,
  RoundFired,
  TabLineCancelled,
  TabMoved,
  BillPrinted,
  TabSettled,
  EmptyTabClosed,
  BusinessDayClosed,
  BusinessDayAmended,
]);
export type ProjectedEvent = z.infer<typeof ProjectedEvent>;
export type ProjectedEventType = ProjectedEvent['type'];

const projectedTypes: ReadonlySet<string> = new Set(ProjectedEvent.options.map((option) => option.shape.type.value));

export class UnreadableEventError extends Error {
  override readonly name = 'UnreadableEventError';
  constructor(
    readonly eventType: string,
    readonly detail: string,
  ) {
    super(`a stored ${eventType} does not match its schema: ${detail}`);
  }
}

/**
 * Every projection decodes the same event, so the parse is kept per event object: the projector
 * hands one object to all of them. Keyed weakly, so a projected event is not kept alive by it.
 */
const decoded = new WeakMap<object, ProjectedEvent>();

/**
 * The event as its schema types it, or null for a type no projection reads. Stored events are
 * upcast to the current version before they get here, so one that does not parse is a bug
 * upstream: it is thrown, never skipped, because a skipped sale is a wrong report nobody notices.
 */
export const decode = (event: { type: string; data: unknown }): ProjectedEvent | null => {
  if (!projectedTypes.has(event.type)) return null;
  const cached = decoded.get(event);
  if (cached) return cached;
  const parsed = ProjectedEvent.safeParse({ type: event.type, data: event.data });
  if (!parsed.success) throw new UnreadableEventError(event.type, z.prettifyError(parsed.error));
  decoded.set(event, parsed.data);
  return parsed.data;
};
