import { z } from 'zod';
import {
  ChangeItemPrice,
  DefineItem,
  AssignTaxCategory,
  DeactivateItem,
  ReactivateItem,
  RenameItem,
  SetRecipe,
} from './catalog/item.commands.js';
import { ChangeTaxRate, DefineTaxCategory } from './catalog/tax-category.commands.js';
import {
  ForgetCustomer,
  RecordCustomerConsent,
  RegisterCustomer,
  UpdateCustomerDetails,
} from './customer/customer.commands.js';
import { ExpirePoints, LoyaltyRule, SetLoyaltyRule } from './loyalty/loyalty.commands.js';
import { EventEnvelope } from './envelope.js';
import { Uuid, UuidV7 } from './ids.js';
import { IssueInvoice, MarkInvoiceOverdue, RecordInvoicePayment } from './invoice/invoice.commands.js';
import * as invoiceDocuments from './invoice/invoice.commands.js';
import { OfflineConflict } from './order/offline-conflict.js';
import { CheckoutRequest, RefundOrder, VoidOrder } from './order/order.commands.js';
import { AdjustTip } from './payment/payment.commands.js';
import { CloseShift, MoveCash, OpenShift } from './shift/shift.commands.js';
import { AdjustStock } from './stock/stock.commands.js';
import {
  AddUser,
  CreateBrand,
  CreateOrganization,
  CreateRegister,
  CreateStore,
  GrantRole,
  RevokeRole,
} from './tenancy/tenancy.commands.js';
import { OffsetDateTime } from './time.js';
import { CatalogEntry } from './catalog/catalog-entry.js';
import { GstStateCode } from './gst.js';

/**
 * The HTTP contract between registers (and other clients) and the ledger, as Zod schemas: the
 * server validates requests with them, the register builds requests with them, and the OpenAPI
 * document is generated from them, so there is no second set of DTOs to drift.
 */

/**
 * Every command request carries a client-minted `commandId` (sending the same command twice
 * returns the first result and appends nothing) and `occurredAt`, the client's own time with its
 * UTC offset, which becomes the events' `occurredAt`.
 */
export const commandRequest = <Data extends z.ZodType>(data: Data) =>
  z.object({ commandId: UuidV7, occurredAt: OffsetDateTime, data });

export const ErrorDetail = z.object({
  code: z.string(),
  path: z.string(),
  reason: z.string(),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;

export const ErrorBody = z.object({ error: ErrorDetail });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const AppendedEvent = z.object({
  eventId: Uuid,
  type: z.string(),
  streamPosition: z.number().int().nonnegative(),
  globalPosition: z.number().int().positive(),
});

/**
 * What a command appended. A command sent again with the same `commandId` gets the very same body
 * (its first run's events; nothing new is appended) with the header `Idempotent-Replayed: true`.
 */
export const CommandResult = z.object({
  commandId: Uuid,
  streamId: z.string(),
  events: z.array(AppendedEvent),
});
export type CommandResult = z.infer<typeof CommandResult>;

/** A batch of events a register decided while offline, pushed from its outbox in order. */
export const ReplayRequest = z.object({
  registerId: Uuid,
  batchId: Uuid,
  events: z.array(EventEnvelope).min(1).max(500),
  /** The register's outbox as it stood when it sent the batch, for the operators' view of who is behind. */
  outbox: z
    .object({
      queuedEvents: z.number().int().nonnegative(),
      oldestQueuedAt: OffsetDateTime.nullable(),
    })
    .optional(),
});
export type ReplayRequest = z.infer<typeof ReplayRequest>;

/** What changed while the register was offline; the sale stands. */
export const ReplayConflict = OfflineConflict;

/**
 * The server's answer per replayed event. An outbox row leaves the register only once it has one;
 * a sale that happened is never dropped, so a changed price or an item gone inactive while offline
 * is `accepted_with_conflict`, recorded for a manager, not `rejected`.
 */
export const ReplayVerdict = z.discriminatedUnion('verdict', [
  z.object({ eventId: Uuid, verdict: z.literal('accepted'), globalPosition: z.number().int().positive() }),
  z.object({ eventId: Uuid, verdict: z.literal('duplicate') }),
  z.object({ eventId: Uuid, verdict: z.literal('rejected'), error: ErrorDetail }),
  z.object({
    eventId: Uuid,
    verdict: z.literal('accepted_with_conflict'),
    globalPosition: z.number().int().positive(),
    conflicts: z.array(ReplayConflict).min(1),
  }),
]);
export type ReplayVerdict = z.infer<typeof ReplayVerdict>;

/**
 * What a register pulls to sell offline: the catalog entries of its store that changed after
 * `after` (all of them on a first pull, or when a tax category changed, with `complete` set), the
 * store's GST state and zone, and the position to pass as `after` next time.
 */
export const CatalogPullQuery = z.strictObject({
  after: z
    .string()
    .regex(/^[0-9a-f-]{1,64}$/)
    .optional(),
});
export type CatalogPullQuery = z.infer<typeof CatalogPullQuery>;

export const CatalogPullResponse = z.object({
  store: z.object({ storeId: Uuid, brandId: Uuid, stateCode: GstStateCode, timeZone: z.string() }),
  complete: z.boolean(),
  entries: z.array(CatalogEntry),
  position: z.string().nullable(),
});
export type CatalogPullResponse = z.infer<typeof CatalogPullResponse>;

export const ReplayResponse = z.object({ batchId: Uuid, verdicts: z.array(ReplayVerdict) });
export type ReplayResponse = z.infer<typeof ReplayResponse>;

type Route = {
  method: 'POST';
  path: string;
  summary: string;
  /** The command the body's `data` becomes; a checkout's context is resolved by the server. */
  command: string;
  body: z.ZodType;
  response: z.ZodType;
};

const route = <Command extends z.ZodObject<{ type: z.ZodLiteral<string>; data: z.ZodType }>>(
  path: string,
  summary: string,
  command: Command,
): Route => ({
  method: 'POST',
  path,
  summary,
  command: command.shape.type.value,
  body: commandRequest(command.shape.data),
  response: CommandResult,
});

/** Every command endpoint, by operation id. Path parameters repeat ids the body carries; the server checks they agree. */
export const commandRoutes = {
  placeOrder: {
    method: 'POST',
    path: '/v1/orders',
    summary: 'Check out an order: lines, tenders and stock depletion, appended atomically',
    command: 'PlaceOrder',
    body: commandRequest(CheckoutRequest),
    response: CommandResult,
  },
  voidOrder: route('/v1/orders/{orderId}/void', 'Void a placed order with a reason', VoidOrder),
  refundOrder: route('/v1/orders/{orderId}/refunds', 'Refund an order in full or by lines', RefundOrder),
  adjustTip: route('/v1/orders/{orderId}/tips', 'Add or correct the tip on a card, UPI or wallet tender', AdjustTip),
  adjustStock: route('/v1/stock/adjustments', 'Record a stock count, waste, receipt or transfer', AdjustStock),
  openShift: route('/v1/shifts', 'Open a cash drawer shift with its float', OpenShift),
  moveCash: route('/v1/shifts/{shiftId}/cash-movements', 'Pay cash in or out of the drawer', MoveCash),
  closeShift: route('/v1/shifts/{shiftId}/close', 'Close a shift with the counted cash', CloseShift),
  defineTaxCategory: route('/v1/tax-categories', 'Define a GST tax category', DefineTaxCategory),
  changeTaxRate: route('/v1/tax-categories/{taxCategoryId}/rate', 'Change a tax category rate', ChangeTaxRate),
  defineItem: route('/v1/items', 'Define a catalog item or modifier', DefineItem),
  changeItemPrice: route('/v1/items/{itemId}/price', "Change an item's brand or store price", ChangeItemPrice),
  assignTaxCategory: route('/v1/items/{itemId}/tax-category', 'Assign an item to a tax category', AssignTaxCategory),
  setRecipe: route('/v1/items/{itemId}/recipe', "Set an item's recipe", SetRecipe),
  renameItem: route('/v1/items/{itemId}/name', 'Rename an item', RenameItem),
  deactivateItem: route('/v1/items/{itemId}/deactivate', 'Take an item off sale', DeactivateItem),
  reactivateItem: route('/v1/items/{itemId}/reactivate', 'Put an item back on sale', ReactivateItem),
  issueInvoice: route('/v1/invoices', 'Issue a B2B tax invoice with payment terms', IssueInvoice),
  recordInvoicePayment: route(
    '/v1/invoices/{invoiceId}/payments',
    'Record a payment received against an invoice',
    RecordInvoicePayment,
  ),
  markInvoiceOverdue: route('/v1/invoices/{invoiceId}/overdue', 'Mark an unpaid invoice overdue', MarkInvoiceOverdue),
  correctInvoiceLine: route(
    '/v1/invoices/{invoiceId}/line-corrections',
    "Correct an issued invoice line's quantity or discount, with a reason",
    invoiceDocuments.CorrectInvoiceLine,
  ),
  correctInvoicePrice: route(
    '/v1/invoices/{invoiceId}/price-corrections',
    "Correct an issued invoice line's unit price, with a reason",
    invoiceDocuments.CorrectInvoicePrice,
  ),
  changeInvoiceDueDate: route(
    '/v1/invoices/{invoiceId}/due-date',
    "Change an unpaid invoice's due date, with a reason",
    invoiceDocuments.ChangeInvoiceDueDate,
  ),
  issueCreditNote: route(
    '/v1/invoices/{invoiceId}/credit-notes',
    'Issue a credit note against an invoice',
    invoiceDocuments.IssueCreditNote,
  ),
  issueDebitNote: route(
    '/v1/invoices/{invoiceId}/debit-notes',
    'Issue a debit note against an invoice',
    invoiceDocuments.IssueDebitNote,
  ),
  createOrganization: route(
    '/v1/organizations',
    'Create an organisation with its owner (operator token)',
    CreateOrganization,
  ),
  createBrand: route('/v1/brands', 'Create a brand', CreateBrand),
  createStore: route('/v1/stores', 'Create a store with its time zone and GST state', CreateStore),
  createRegister: route('/v1/registers', 'Create a register in a store', CreateRegister),
  addUser: route('/v1/users', 'Add a user to the organisation', AddUser),
  grantRole: route('/v1/users/{userId}/roles', 'Grant a user a role over the org, a brand or a store', GrantRole),
  revokeRole: route('/v1/users/{userId}/roles/revoke', 'Revoke a role from a user', RevokeRole),
  registerCustomer: route(
    '/v1/customers',
    'Register a customer; their details are stored only encrypted',
    RegisterCustomer,
  ),
  updateCustomerDetails: route(
    '/v1/customers/{customerId}/details',
    "Replace a customer's name, phone, email or GSTIN",
    UpdateCustomerDetails,
  ),
  recordCustomerConsent: route(
    '/v1/customers/{customerId}/consent',
    "Record a customer's marketing and loyalty consent",
    RecordCustomerConsent,
  ),
  forgetCustomer: route(
    '/v1/customers/{customerId}/forget',
    'Erase a customer: destroys their data key and phone lookup; history stays, unreadable',
    ForgetCustomer,
  ),
  setLoyaltyRule: route(
    '/v1/brands/{brandId}/loyalty-rule',
    "Set a brand's loyalty rule: points per ₹100, what a point is worth, how long points last",
    SetLoyaltyRule,
  ),
  expirePoints: route(
    '/v1/customers/{customerId}/loyalty/expire',
    "Expire a customer's points with a brand that expire on or before a store-local date",
    ExpirePoints,
  ),
  replay: {
    method: 'POST',
    path: '/v1/registers/{registerId}/replay',
    summary: "Replay a batch of events from a register's offline outbox",
    command: 'Replay',
    body: ReplayRequest,
    response: ReplayResponse,
  },
} as const satisfies Record<string, Route>;

/**
 * A customer as the ledger reads them back, decrypted at read time. An erased customer (or one
 * whose key is gone) reads as `erased`, with a placeholder name and no contact details.
 */
export const CustomerView = z.object({
  customerId: Uuid,
  status: z.enum(['active', 'erased']),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().optional(),
  gstin: z.string().optional(),
  consent: z.object({ marketing: z.boolean(), loyalty: z.boolean() }),
});
export type CustomerView = z.infer<typeof CustomerView>;

/** `POST /v1/customers/lookup` `{ phone }`: the org's customer with that phone, if any (a list of zero or one). */
export const CustomerLookupQuery = z.strictObject({ phone: z.string().max(20), storeId: Uuid.optional() });
export type CustomerLookupQuery = z.infer<typeof CustomerLookupQuery>;

/**
 * What a register caches to attach customers offline: every active customer of its org, whole
 * each time, so an erased customer is gone from the till after the next pull.
 */
export const CustomerPullResponse = z.object({
  customers: z.array(
    z.object({
      customerId: Uuid,
      name: z.string(),
      phone: z.string(),
      /** Points with the register's brand at the pull: what the till may let the customer redeem offline. */
      loyaltyPoints: z.number().int().nonnegative().optional(),
    }),
  ),
  /** The register's brand's loyalty rule at the pull; absent or null when it has none. */
  loyaltyRule: LoyaltyRule.nullable().optional(),
});
export type CustomerPullResponse = z.infer<typeof CustomerPullResponse>;

/** `GET /v1/customers/{customerId}/loyalty?brandId=`: a customer's points with a brand, folded from the account stream. */
export const LoyaltyBalanceView = z.object({
  brandId: Uuid,
  customerId: Uuid,
  points: z.number().int().nonnegative(),
  /** points × the brand's point value now; 0 when the brand has no programme. */
  valuePaise: z.number().int().nonnegative(),
  lots: z.array(z.object({ points: z.number().int().positive(), expiresOn: z.string() })),
});
export type LoyaltyBalanceView = z.infer<typeof LoyaltyBalanceView>;
