import type { z } from 'zod';
import { ConflictsQuery, ConflictsReport } from './conflicts.report.js';
import { CustomersQuery, CustomersReport } from './customers.report.js';
import { FloorQuery, FloorReport } from './floor.report.js';
import { GstQuery, GstReport } from './gst.report.js';
import { ItemsQuery, ItemsReport } from './items.report.js';
import { LoyaltyQuery, LoyaltyReport } from './loyalty.report.js';
import { PaymentsQuery, PaymentsReport } from './payments.report.js';
import { ReceivablesQuery, ReceivablesReport } from './receivables.report.js';
import { SalesQuery, SalesReport } from './sales.report.js';
import { ShiftsQuery, ShiftsReport } from './shifts.report.js';
import { StatementQuery, StatementReport } from './statement.report.js';
import { StockQuery, StockReport } from './stock.report.js';

type ReportRoute = {
  method: 'GET';
  path: string;
  operationId: string;
  summary: string;
  /** Parses the query string: dates as YYYY-MM-DD, numbers as digits. */
  query: z.ZodType;
  response: z.ZodType;
};

/**
 * The reports API: one GET per report over the read models, each answering for the stores the
 * caller may read reports in (`scopesOf(principal, tenancy, 'reports.read')`). Money is integer
 * paise, as everywhere.
 */
export const reportRoutes = {
  sales: {
    method: 'GET',
    path: '/v1/reports/sales',
    operationId: 'salesReport',
    summary: 'Sales by business date or hour: orders, gross, discount, taxable, tax, payable, voids, refunds, net',
    query: SalesQuery,
    response: SalesReport,
  },
  items: {
    method: 'GET',
    path: '/v1/reports/items',
    operationId: 'itemsReport',
    summary: 'Top sellers by net quantity or net taxable value',
    query: ItemsQuery,
    response: ItemsReport,
  },
  payments: {
    method: 'GET',
    path: '/v1/reports/payments',
    operationId: 'paymentsReport',
    summary: 'Payment mix by tender kind: applied, tips, refunds, voids, net',
    query: PaymentsQuery,
    response: PaymentsReport,
  },
  gst: {
    method: 'GET',
    path: '/v1/reports/gst',
    operationId: 'gstReport',
    summary: 'GST summary by B2C/B2B, intra/inter-state supply, rate and HSN/SAC, with CGST, SGST and IGST',
    query: GstQuery,
    response: GstReport,
  },
  stock: {
    method: 'GET',
    path: '/v1/reports/stock',
    operationId: 'stockReport',
    summary:
      'Stock on hand per store and named stock item, negative balances flagged; with from/to, opening, received, sold, wasted, transferred, count variance and closing',
    query: StockQuery,
    response: StockReport,
  },
  conflicts: {
    method: 'GET',
    path: '/v1/reports/conflicts',
    operationId: 'conflictsReport',
    summary: 'Conflicts found in replayed offline events, newest first, in words, with counts by kind',
    query: ConflictsQuery,
    response: ConflictsReport,
  },
  shifts: {
    method: 'GET',
    path: '/v1/reports/shifts',
    operationId: 'shiftsReport',
    summary: 'X (open) and Z (closed) shift reports: float, cash in and out, expected, counted, variance',
    query: ShiftsQuery,
    response: ShiftsReport,
  },
  receivables: {
    method: 'GET',
    path: '/v1/reports/receivables',
    operationId: 'receivablesReport',
    summary: 'Outstanding B2B invoices aged 0–30, 31–60, 61–90 and 90+ days past due',
    query: ReceivablesQuery,
    response: ReceivablesReport,
  },
  statement: {
    method: 'GET',
    path: '/v1/reports/statement',
    operationId: 'statementReport',
    summary:
      "A customer's statement: opening balance, invoices, corrections, notes, payments, discounts, running and closing balance",
    query: StatementQuery,
    response: StatementReport,
  },
  customers: {
    method: 'GET',
    path: '/v1/reports/customers',
    operationId: 'customersReport',
    summary: 'Named customers by net spend: visits (orders), spend, refunds, voids; names decrypted at read time',
    query: CustomersQuery,
    response: CustomersReport,
  },
  loyalty: {
    method: 'GET',
    path: '/v1/reports/loyalty',
    operationId: 'loyaltyReport',
    summary:
      'Loyalty liability per brand: points outstanding × point value, with offline redemption shortfalls; with from/to, opening, earned, redeemed, reversed, expired and closing points',
    query: LoyaltyQuery,
    response: LoyaltyReport,
  },
  floor: {
    method: 'GET',
    path: '/v1/reports/floor',
    operationId: 'floorReport',
    summary:
      'Table service: tabs, covers, average bill by table, tabs left open past their day, cancellations and voids by staff and reason',
    query: FloorQuery,
    response: FloorReport,
  },
} as const satisfies Record<string, ReportRoute>;

export type ReportName = keyof typeof reportRoutes;
export const REPORT_NAMES = Object.keys(reportRoutes) as ReportName[];
/** Reports that answer a balance now when their query names no dates (stock and loyalty take a period too). */
export const BALANCE_REPORTS: ReadonlySet<ReportName> = new Set(['stock', 'loyalty', 'conflicts']);
export type ReportQueryOf<Name extends ReportName> = z.output<(typeof reportRoutes)[Name]['query']>;
export type ReportOf<Name extends ReportName> = z.output<(typeof reportRoutes)[Name]['response']>;
