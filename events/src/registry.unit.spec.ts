import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { orderDecider } from './order/order.decider.js';
import { eventRegistry } from './registry.js';
import { STORE_CONTEXT, MARGHERITA } from './testing/catalog-fixtures.js';
import { id, STORE } from './testing/fixtures.js';

describe('the event registry of the ledger', () => {
  it('knows every event type of every aggregate, each at a current schema version', () => {
    expect(eventRegistry.types().sort()).toEqual(
      [
        'CashMoved',
        'CreditNoteIssued',
        'DrawerCashRecorded',
        'DebitNoteIssued',
        'InvoiceDueDateChanged',
        'InvoiceEarlyPaymentDiscountTaken',
        'InvoiceIssued',
        'InvoiceLineCorrected',
        'InvoiceOverdue',
        'InvoicePaymentReceived',
        'InvoicePriceCorrected',
        'InvoiceSettled',
        'ItemDeactivated',
        'ItemDefined',
        'ItemPriceChanged',
        'ItemReactivated',
        'ItemRenamed',
        'ItemTaxCategoryAssigned',
        'LoyaltyRedemptionShortfall',
        'LoyaltyRuleSet',
        'OfflineConflictRecorded',
        'OrderPlaced',
        'OrderRefunded',
        'OrderVoided',
        'PaymentTendered',
        'PointsAccrued',
        'PointsExpired',
        'PointsRedeemed',
        'PointsReversed',
        'RecipeSet',
        'SalesImportBatchRecorded',
        'SalesImportCompleted',
        'SalesImportStarted',
        'ShiftClosed',
        'ShiftOpened',
        'StockAdjusted',
        'StockDepleted',
        'StockItemDefined',
        'StockItemRenamed',
        'TaxCategoryDefined',
        'TaxRateChanged',
        'TipAdjusted',
        'OrganizationCreated',
        'BrandCreated',
        'StoreCreated',
        'RegisterCreated',
        'UserAdded',
        'RoleGranted',
        'RoleRevoked',
        'UserDeactivated',
        'UserReactivated',
        'RegisterDeactivated',
        'RegisterReactivated',
        'TokenIssued',
        'BusinessDayClosed',
        'BusinessDayAmended',
        'AuditKeyRotated',
        'CustomerRegistered',
        'CustomerDetailsUpdated',
        'CustomerConsentRecorded',
        'CustomerForgotten',
        'TabOpened',
        'RoundFired',
        'TabLineCancelled',
        'TabMoved',
        'BillPrinted',
        'BillSplit',
        'BillPartPaid',
        'TabSettled',
        'EmptyTabClosed',
      ].sort(),
    );
    const versions = Object.fromEntries(
      eventRegistry.types().map((type) => [type, eventRegistry.currentVersion(type)]),
    );
    // BusinessDayClosed v2 seals a business date; v1 sealed the log since the previous close.
    expect(versions).toEqual({
      ...Object.fromEntries(eventRegistry.types().map((type) => [type, 1])),
      BusinessDayClosed: 2,
    });
  });

  it('reads a version 1 close as a close of its date, so the date stays sealed', () => {
    const v1 = {
      storeId: STORE,
      businessDate: '2026-11-24',
      closedAt: '2026-11-24T23:30:00+05:30',
      afterPosition: null,
      throughPosition: '0000000000000010-0000000000000020',
      eventCount: 12,
      merkleRoot: 'a'.repeat(64),
      previousMerkleRoot: 'b'.repeat(64),
      keyId: '0123456789abcdef0123456789abcdef',
      signature: 'c2lnbmF0dXJl',
    };
    const upcast = eventRegistry.upcast({ type: 'BusinessDayClosed', schemaVersion: 1, data: v1 });
    expect(upcast).toEqual({
      type: 'BusinessDayClosed',
      schemaVersion: 2,
      data: { ...v1, timeZone: 'Asia/Kolkata', amendment: 0, previousMerkleRoot: null },
    });
    expect(eventRegistry.validate(upcast)).toEqual({ data: upcast.data });
  });

  it('accepts every event a checkout decides, as the server re-validates each one on append', () => {
    const decision = orderDecider.decide(
      {
        type: 'PlaceOrder',
        data: {
          orderId: id(1),
          storeId: STORE,
          registerId: null,
          shiftId: null,
          channel: 'takeaway',
          lines: [{ lineId: id(2), itemId: MARGHERITA.itemId, quantity: 1, modifierIds: [] }],
          // ₹325.00 + 5 % GST = ₹341.25, payable ₹341.00.
          tenders: [{ paymentId: id(3), kind: 'upi', amountPaise: 34_100, tipPaise: 0 }],
        },
        context: STORE_CONTEXT,
      },
      orderDecider.initialState(),
    );
    if (decision instanceof DomainError) throw decision;
    for (const event of decision) {
      expect(eventRegistry.validate({ ...event, schemaVersion: 1 })).toEqual({ data: event.data });
    }
  });

  it('refuses a tampered event with the field named', () => {
    const result = eventRegistry.validate({
      type: 'PaymentTendered',
      schemaVersion: 1,
      data: {
        orderId: id(1),
        paymentId: id(3),
        kind: 'upi',
        amountPaise: 342.5,
        changePaise: 0,
        appliedPaise: 342,
        tipPaise: 0,
      },
    });
    expect(result).toBeInstanceOf(DomainError);
    expect(result).toMatchObject({ code: 'EVENT.INVALID_DATA', path: 'data.amountPaise' });
  });
});
