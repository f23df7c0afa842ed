import {
  AGING_BUCKET_LABELS,
  AgingTotal,
  ConflictRow,
  CustomerRow,
  DaySealRow,
  FloorTableRow,
  LeftOpenRow,
  ReversalByStaffRow,
  LoyaltyConflictRow,
  LoyaltyPeriodRow,
  LoyaltyRow,
  formatRupees as rupees,
  GST_RECONCILIATION_LABELS,
  GstReconciliationRow,
  GstRow,
  ItemRow,
  PaymentRow,
  ReceivableRow,
  SalesRow,
  ShiftRow,
  StatementRow,
  StockPeriodRow,
  StockRow,
  type ReportName,
  type ReportOf,
} from '@possier/events/report-contracts';
import type { z } from 'zod';
import type { Column, ColumnKind, View } from '../format/view.js';
import { idsOnly, named, type Names } from './report-names.js';

export type AnyReport = { [Name in ReportName]: ReportOf<Name> }[ReportName];

const col = (key: string, header: string, kind: ColumnKind = 'text'): Column => ({ key, header, kind });
const fieldsOf = (row: z.ZodObject) => Object.keys(row.shape);
const stores = (report: AnyReport, names: Names) =>
  report.storeIds.length === 1 ? names.store(report.storeIds[0] as string) : `${report.storeIds.length} stores`;
const period = (report: { from: string; to: string }) => `${report.from} to ${report.to}`;
/** "Pizza dough (g)": the name the org gave the stock item, its id only while it has none. */
const stockItemLabel = (row: { stockItemId: string; stockItemName: string | null; unit: string | null }) =>
  row.stockItemName === null ? row.stockItemId : `${row.stockItemName}${row.unit === null ? '' : ` (${row.unit})`}`;

/**
 * What `possier report` shows for each report: the main table first, then any summary. With
 * `names`, stores, registers and brands are shown by name, in the titles and the rows.
 */
export const viewsOf = (report: AnyReport, names: Names = idsOnly): View[] =>
  layOut(report, names).map((view) => ({
    ...view,
    rows: view.rows.map((row) => named(row, names)),
    ...(view.totals === undefined ? {} : { totals: named(view.totals, names) }),
  }));

const layOut = (report: AnyReport, names: Names): View[] => {
  switch (report.report) {
    case 'sales': {
      const keys = [col('businessDate', 'Date'), ...(report.by === 'hour' ? [col('hour', 'Hour', 'count')] : [])];
      return [
        {
          title: `Sales by ${report.by}, ${period(report)}, ${stores(report, names)}: what the bills came to`,
          columns: [
            ...keys,
            col('orders', 'Orders', 'count'),
            col('grossPaise', 'Gross', 'paise'),
            col('discountPaise', 'Discount', 'paise'),
            col('serviceChargePaise', 'Service charge', 'paise'),
            col('taxIncludedPaise', 'Tax in prices', 'paise'),
            col('taxablePaise', 'Taxable', 'paise'),
            col('taxPaise', 'Tax', 'paise'),
            col('roundOffPaise', 'Round-off', 'paise'),
            col('payablePaise', 'Payable', 'paise'),
          ],
          fields: fieldsOf(SalesRow),
          rows: report.rows,
          totals: report.totals,
          notes: [
            'Gross − Discount + Service charge − Tax in prices = Taxable; Taxable + Tax + Round-off = Payable.',
            'Service charge is taxed like the food, so it is inside Taxable; Gross holds the tax of items priced with tax included.',
          ],
        },
        {
          title: `Collected, voided and refunded by ${report.by}, ${period(report)}, ${stores(report, names)}`,
          columns: [
            ...keys,
            col('payablePaise', 'Payable', 'paise'),
            col('tipsPaise', 'Tips', 'paise'),
            col('collectedPaise', 'Collected', 'paise'),
            col('voids', 'Voids', 'count'),
            col('voidedPaise', 'Voided', 'paise'),
            col('refunds', 'Refunds', 'count'),
            col('refundedPaise', 'Refunded', 'paise'),
            col('netPaise', 'Net', 'paise'),
          ],
          fields: fieldsOf(SalesRow),
          rows: report.rows,
          totals: report.totals,
          notes: [
            'Payable + Tips = Collected (tips are for the staff, not sales); Payable − Voided − Refunded = Net.',
            'Voids and refunds count on the day they happen, not on the day of the sale.',
          ],
        },
      ];
    }
    case 'items':
      return [
        {
          title: `Top ${report.limit} items by net ${report.sort}, ${period(report)}, ${stores(report, names)}`,
          columns: [
            col('rank', '#', 'count'),
            col('name', 'Item'),
            col('quantitySold', 'Sold', 'count'),
            col('refundedQuantity', 'Refunded', 'count'),
            col('voidedQuantity', 'Voided', 'count'),
            col('netQuantity', 'Net qty', 'count'),
            col('netTaxablePaise', 'Net taxable', 'paise'),
          ],
          fields: fieldsOf(ItemRow),
          rows: report.rows,
        },
      ];
    case 'payments':
      return [
        {
          title: `Payment mix, ${period(report)}, ${stores(report, names)}`,
          columns: [
            col('tenderKind', 'Tender'),
            col('tenders', 'Count', 'count'),
            col('appliedPaise', 'Applied', 'paise'),
            col('tipsPaise', 'Tips', 'paise'),
            col('refundedPaise', 'Refunded', 'paise'),
            col('voidedPaise', 'Voided', 'paise'),
            col('netPaise', 'Net', 'paise'),
          ],
          fields: fieldsOf(PaymentRow),
          rows: report.rows,
          totals: report.totals,
          notes: [
            "Applied − Refunded − Voided = Net; Applied totals the sales report's Payable, and Tips are paid on top of it.",
          ],
        },
      ];
    case 'gst':
      return [
        {
          title: `GST summary, ${period(report)}, ${stores(report, names)}`,
          columns: [
            col('segment', 'Segment'),
            col('supply', 'Supply'),
            col('rateBasisPoints', 'Rate', 'rate'),
            col('hsnSac', 'HSN/SAC'),
            col('taxablePaise', 'Taxable', 'paise'),
            col('cgstPaise', 'CGST', 'paise'),
            col('sgstPaise', 'SGST', 'paise'),
            col('igstPaise', 'IGST', 'paise'),
            col('taxPaise', 'Tax', 'paise'),
          ],
          fields: fieldsOf(GstRow),
          rows: report.rows,
          totals: report.totals,
        },
        {
          title: `GST summary reconciled with the sales report, ${period(report)}, ${stores(report, names)}`,
          columns: [col('label', 'Line'), col('taxablePaise', 'Taxable', 'paise'), col('taxPaise', 'Tax', 'paise')],
          fields: fieldsOf(GstReconciliationRow),
          rows: report.reconciliation.map((row) => ({ ...row, label: GST_RECONCILIATION_LABELS[row.line] })),
          totals: { taxablePaise: report.totals.taxablePaise, taxPaise: report.totals.taxPaise },
          notes: [
            "The first line is the sales report's Taxable and Tax; the lines add up to the GST summary's totals.",
          ],
        },
      ];
    case 'stock': {
      const withItem = <Row extends { stockItemId: string; stockItemName: string | null; unit: string | null }>(
        row: Row,
      ) => ({ ...row, stockItem: stockItemLabel(row) });
      if (report.period !== null) {
        return [
          {
            title: `Stock movements, ${period(report.period)}, ${stores(report, names)}: ${report.negativeItems} negative at close`,
            columns: [
              col('storeId', 'Store'),
              col('stockItem', 'Stock item'),
              col('openingOnHand', 'Opening', 'count'),
              col('received', 'Received', 'count'),
              col('transferredIn', 'In', 'count'),
              col('transferredOut', 'Out', 'count'),
              col('sold', 'Sold', 'count'),
              col('wasted', 'Wasted', 'count'),
              col('countVariance', 'Count variance', 'count'),
              col('closingOnHand', 'Closing', 'count'),
            ],
            fields: fieldsOf(StockPeriodRow),
            rows: report.movements.map(withItem),
            notes: [
              'Opening + received + in − out − sold − wasted + count variance = closing, in base units; a count sets on hand, its variance is counted − expected.',
            ],
          },
        ];
      }
      return [
        {
          title: `Stock on hand, ${stores(report, names)}: ${report.negativeItems} negative`,
          columns: [
            col('storeId', 'Store'),
            col('stockItem', 'Stock item'),
            col('onHand', 'On hand', 'count'),
            col('negative', 'Negative', 'flag'),
            col('lastCountedQuantity', 'Last count', 'count'),
            col('lastCountedAt', 'Counted at'),
          ],
          fields: fieldsOf(StockRow),
          rows: report.rows.map(withItem),
        },
      ];
    }
    case 'conflicts':
      return [
        {
          title: `Conflicts found in replayed offline events, ${stores(report, names)}: ${
            report.byKind.map((entry) => `${entry.conflicts} ${entry.kind}`).join(', ') || 'none'
          }`,
          columns: [
            col('recordedAt', 'Recorded at'),
            col('storeId', 'Store'),
            col('registerId', 'Register'),
            col('orderId', 'Order'),
            col('kind', 'Kind'),
            col('detail', 'Detail'),
          ],
          fields: fieldsOf(ConflictRow),
          rows: report.rows,
        },
      ];
    case 'shifts':
      return [
        {
          title: `Shifts (X open, Z closed), ${period(report)}, ${stores(report, names)}`,
          columns: [
            col('kind', 'Report'),
            col('businessDate', 'Date'),
            col('registerId', 'Register'),
            col('floatPaise', 'Float', 'paise'),
            col('cashInPaise', 'Cash in', 'paise'),
            col('cashOutPaise', 'Cash out', 'paise'),
            col('cashSalesPaise', 'Cash sales', 'paise'),
            col('changeGivenPaise', 'Change', 'paise'),
            col('cashRefundsPaise', 'Refunds', 'paise'),
            col('expectedCashPaise', 'Expected', 'paise'),
            col('countedCashPaise', 'Counted', 'paise'),
            col('variancePaise', 'Variance', 'paise'),
          ],
          fields: fieldsOf(ShiftRow),
          rows: report.rows,
        },
        ...(report.seals.length === 0
          ? []
          : [
              {
                title: `Business dates sealed, ${period(report)}, ${stores(report, names)}: each close and what each amendment added`,
                columns: [
                  col('businessDate', 'Date'),
                  col('storeId', 'Store'),
                  col('seal', 'Seal'),
                  col('sealedAt', 'Sealed at'),
                  col('by', 'By'),
                  col('keyId', 'Key'),
                  col('eventCount', 'Events', 'count'),
                  col('sales', 'Sales', 'count'),
                  col('payablePaise', 'Payable', 'paise'),
                  col('voidedPaise', 'Voided', 'paise'),
                  col('refundedPaise', 'Refunded', 'paise'),
                  col('tendersText', 'Tenders'),
                ],
                fields: fieldsOf(DaySealRow),
                rows: report.seals.map((seal) => ({
                  ...seal,
                  seal: seal.kind === 'close' ? 'close' : `amendment ${seal.amendment}`,
                  by: seal.sealedByName ?? seal.sealedBy,
                  tendersText: seal.tenders
                    .map((tender) => `${tender.tenderKind} ${rupees(tender.appliedPaise)} (${tender.tenders})`)
                    .join(', '),
                })),
                notes: [
                  "A close's row is the day as it was sealed; an amendment's row is only what it sealed after the close, so the date's figures now are the sum of its rows.",
                  'Sales and Payable count the sales placed on the date; Voided and Refunded what was reversed on it; Tenders what each kind put towards bills.',
                ],
              },
            ]),
      ];
    case 'receivables':
      return [
        {
          title: `Receivables issued ${period(report)}, aged as of ${report.asOf}, ${stores(report, names)}`,
          columns: [
            col('invoiceNumber', 'Invoice'),
            col('customerName', 'Customer'),
            col('issueDate', 'Issued'),
            col('dueDate', 'Due'),
            col('payablePaise', 'Payable', 'paise'),
            col('creditedPaise', 'Credited', 'paise'),
            col('debitedPaise', 'Debited', 'paise'),
            col('discountPaise', 'Discount', 'paise'),
            col('paidPaise', 'Paid', 'paise'),
            col('outstandingPaise', 'Outstanding', 'paise'),
            col('daysUntilDue', 'Due in days', 'count'),
            col('daysPastDue', 'Days past due', 'count'),
            col('agingLabel', 'Aging'),
          ],
          fields: fieldsOf(ReceivableRow),
          rows: report.rows.map((row) => ({ ...row, agingLabel: AGING_BUCKET_LABELS[row.bucket] })),
        },
        {
          title: `Aging as of ${report.asOf}`,
          columns: [
            col('agingLabel', 'Aging'),
            col('invoices', 'Invoices', 'count'),
            col('outstandingPaise', 'Outstanding', 'paise'),
          ],
          fields: fieldsOf(AgingTotal),
          rows: report.aging.map((row) => ({ ...row, agingLabel: AGING_BUCKET_LABELS[row.bucket] })),
          totals: { invoices: report.rows.length, outstandingPaise: report.outstandingPaise },
        },
      ];
    case 'statement':
      return [
        {
          title: `Statement of ${report.customerName ?? report.customerId}${report.customerGstin ? ` (${report.customerGstin})` : ''}, ${period(report)}, ${stores(report, names)}: opening balance ${rupees(report.openingBalancePaise)}, closing ${rupees(report.closingBalancePaise)}`,
          columns: [
            col('date', 'Date'),
            col('kind', 'Entry'),
            col('invoiceNumber', 'Invoice'),
            col('documentNumber', 'Document'),
            col('debitPaise', 'Debit', 'paise'),
            col('creditPaise', 'Credit', 'paise'),
            col('balancePaise', 'Balance', 'paise'),
          ],
          fields: fieldsOf(StatementRow),
          rows: report.rows,
          totals: {
            debitPaise: report.debitPaise,
            creditPaise: report.creditPaise,
            balancePaise: report.closingBalancePaise,
          },
        },
      ];
    case 'customers':
      return [
        {
          title: `Customers by net spend, ${period(report)}, ${stores(report, names)}: ${report.customers} named customers`,
          columns: [
            col('name', 'Customer'),
            col('customerId', 'Id'),
            col('visits', 'Visits', 'count'),
            col('spendPaise', 'Spend', 'paise'),
            col('refundedPaise', 'Refunded', 'paise'),
            col('voidedPaise', 'Voided', 'paise'),
            col('netSpendPaise', 'Net spend', 'paise'),
          ],
          fields: fieldsOf(CustomerRow),
          rows: report.rows,
          totals: report.totals,
        },
      ];
    case 'loyalty': {
      const shortfalls: View = {
        title: `Offline redemptions the accounts could not cover: ${report.conflicts.length}`,
        columns: [
          col('storeId', 'Store'),
          col('orderId', 'Order'),
          col('registerId', 'Register'),
          col('detail', 'Detail'),
          col('recordedAt', 'Recorded at'),
        ],
        fields: fieldsOf(LoyaltyConflictRow),
        rows: report.conflicts,
      };
      if (report.period !== null) {
        return [
          {
            title: `Loyalty points, ${period(report.period)}, ${stores(report, names)}: ${report.totals.pointsOutstanding} points at close, ${rupees(report.totals.liabilityPaise)}`,
            columns: [
              col('brandId', 'Brand'),
              col('members', 'Members', 'count'),
              col('openingPoints', 'Opening', 'count'),
              col('earnedPoints', 'Earned', 'count'),
              col('redeemedPoints', 'Redeemed', 'count'),
              col('reversedPoints', 'Reversed', 'count'),
              col('expiredPoints', 'Expired', 'count'),
              col('closingPoints', 'Closing', 'count'),
              col('pointValuePaise', 'Point value', 'paise'),
              col('closingLiabilityPaise', 'Liability', 'paise'),
            ],
            fields: fieldsOf(LoyaltyPeriodRow),
            rows: report.movements,
            totals: {
              closingPoints: report.totals.pointsOutstanding,
              closingLiabilityPaise: report.totals.liabilityPaise,
            },
            notes: [
              'Opening + earned − redeemed − reversed − expired = closing; the liability is priced at the point value now.',
            ],
          },
          shortfalls,
        ];
      }
      return [
        {
          title: `Loyalty liability, ${stores(report, names)}: ${report.totals.pointsOutstanding} points, ${rupees(report.totals.liabilityPaise)}`,
          columns: [
            col('brandId', 'Brand'),
            col('members', 'Members', 'count'),
            col('pointsOutstanding', 'Points', 'count'),
            col('pointValuePaise', 'Point value', 'paise'),
            col('liabilityPaise', 'Liability', 'paise'),
            col('earnedPoints', 'Earned', 'count'),
            col('redeemedPoints', 'Redeemed', 'count'),
            col('reversedPoints', 'Reversed', 'count'),
            col('expiredPoints', 'Expired', 'count'),
          ],
          fields: fieldsOf(LoyaltyRow),
          rows: report.rows,
          totals: report.totals,
        },
        shortfalls,
      ];
    }
    case 'floor': {
      const { totals } = report;
      return [
        {
          title: `Table service by table, ${period(report)}, ${stores(report, names)}: settled tabs`,
          columns: [
            col('storeId', 'Store'),
            col('table', 'Table'),
            col('tabs', 'Tabs', 'count'),
            col('covers', 'Covers', 'count'),
            col('payablePaise', 'Payable', 'paise'),
            col('averageBillPaise', 'Average bill', 'paise'),
          ],
          fields: fieldsOf(FloorTableRow),
          rows: report.tables,
          totals: {
            storeId: 'Total',
            table: '',
            tabs: totals.tabsSettled,
            covers: totals.covers,
            payablePaise: totals.payablePaise,
            averageBillPaise: totals.averageBillPaise,
          },
          notes: [
            `${totals.tabsOpened} tabs opened, ${totals.tabsSettled} settled, ${totals.tabsClosedEmpty} closed empty; ` +
              `${totals.tickets} kitchen tickets, ${totals.bills} bills printed (${totals.reprints} reprints); ` +
              `${rupees(totals.averagePerCoverPaise)} a cover.`,
          ],
        },
        {
          title: `Tabs left open past their business date: ${report.leftOpen.length}`,
          columns: [
            col('storeId', 'Store'),
            col('businessDate', 'Opened on'),
            col('table', 'Table'),
            col('name', 'Name'),
            col('covers', 'Covers', 'count'),
            col('tickets', 'Tickets', 'count'),
            col('status', 'Now'),
            col('closedBusinessDate', 'Closed on'),
          ],
          fields: fieldsOf(LeftOpenRow),
          rows: report.leftOpen,
        },
        {
          title: 'Cancellations off tabs and voids, by staff member and reason',
          columns: [
            col('storeId', 'Store'),
            col('kind', 'What'),
            col('staffName', 'Staff'),
            col('reason', 'Reason'),
            col('afterBill', 'After bill', 'flag'),
            col('count', 'Times', 'count'),
            col('quantity', 'Quantity', 'count'),
            col('amountPaise', 'Amount', 'paise'),
          ],
          fields: fieldsOf(ReversalByStaffRow),
          rows: report.reversals,
        },
      ];
    }
  }
};
