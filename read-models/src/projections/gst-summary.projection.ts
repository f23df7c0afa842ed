import type { PricedLine, SupplyKind } from '@possier/events';
import { businessTimeOf } from '../business-time.js';
import { decode } from '../decode.js';
import type { Projection } from '../projection.js';
import { combineIncrements, increment, type RowChange } from '../row-change.js';
import { requireSoldOrder } from '../sold-order.js';
import { rmGstSummary } from '../tables.js';
import { refundedSoldLines, voidedSoldLines } from './sold-lines.js';

type Day = { org_id: string; store_id: string; business_date: string };
type Amounts = { taxablePaise: number; cgstPaise: number; sgstPaise: number; igstPaise: number };

/** `0 − x`, not `−1 × x`: a reversed zero must be 0, not −0, or rows stop comparing equal. */
const signed = (sign: 1 | -1, amount: number): number => (sign === 1 ? amount : 0 - amount);

type TaxedLine = Pick<PricedLine, 'taxRateBasisPoints' | 'hsnSac'>;

const taxLines = (
  day: Day,
  supply: SupplyKind,
  segment: 'B2C' | 'B2B',
  lines: ReadonlyArray<{ line: TaxedLine; amounts: Amounts }>,
  sign: 1 | -1,
): RowChange[] =>
  combineIncrements(
    lines.map(({ line, amounts }) =>
      increment(
        rmGstSummary,
        { ...day, rate_bp: line.taxRateBasisPoints, hsn_sac: line.hsnSac, supply, segment },
        {
          taxable_paise: signed(sign, amounts.taxablePaise),
          cgst_paise: signed(sign, amounts.cgstPaise),
          sgst_paise: signed(sign, amounts.sgstPaise),
          igst_paise: signed(sign, amounts.igstPaise),
        },
      ),
    ),
  );

const asSold = (lines: ReadonlyArray<TaxedLine & Amounts>) => lines.map((line) => ({ line, amounts: line }));

/**
 * Taxable value and tax per rate, HSN/SAC, supply (CGST + SGST within the state, IGST across) and
 * segment, per store and business date: the figures a GSTR-1 summary is filled from.
 *
 * Orders are B2C, dated by the sale in the store's zone. Refunds and voids subtract on the day
 * they happen, as a credit note is reported in the period it is issued (see sales-by-hour for why
 * every aggregate dates a reversal by itself). Invoices are B2B and dated by the issue date
 * printed on them, which is the date a GST return lists; it is already a store-local date.
 *
 * A correction of an issued invoice changes that invoice's figures, so its tax change is filed
 * under the invoice's own issue date (the invoice as finally amended, as before its return is
 * filed). A credit note subtracts, and a debit note adds, on the note's own date, with the
 * invoice's supply: the period of the note, as GSTR-1 reports them.
 */
export const gstSummaryProjection: Projection = {
  name: 'gst_summary',
  tables: [rmGstSummary.name],
  eventTypes: [
    'OrderPlaced',
    'OrderVoided',
    'OrderRefunded',
    'InvoiceIssued',
    'InvoiceLineCorrected',
    'InvoicePriceCorrected',
    'CreditNoteIssued',
    'DebitNoteIssued',
  ],
  project: (event, context) => {
    const decoded = decode(event);
    if (decoded === null) return [];
    const dayOf = (storeId: string): Day => ({
      org_id: event.orgId,
      store_id: storeId,
      business_date: businessTimeOf(event.occurredAt, storeId, context).business_date,
    });
    switch (decoded.type) {
      case 'OrderPlaced': {
        const { storeId, supply, lines } = decoded.data;
        return taxLines(dayOf(storeId), supply, 'B2C', asSold(lines), 1);
      }
      case 'OrderVoided': {
        const sold = requireSoldOrder(context, decoded.data.orderId);
        const { storeId, supply } = sold.placed;
        return taxLines(dayOf(storeId), supply, 'B2C', voidedSoldLines(sold), -1);
      }
      case 'OrderRefunded': {
        const sold = requireSoldOrder(context, decoded.data.orderId);
        const { storeId, supply } = sold.placed;
        return taxLines(dayOf(storeId), supply, 'B2C', refundedSoldLines(sold, decoded.data.lines), -1);
      }
      case 'InvoiceIssued': {
        const { storeId, issueDate, supply, lines } = decoded.data;
        const day = { org_id: event.orgId, store_id: storeId, business_date: issueDate };
        return taxLines(day, supply, 'B2B', asSold(lines), 1);
      }
      case 'InvoiceLineCorrected':
      case 'InvoicePriceCorrected': {
        const { storeId, issueDate, supply, taxChanges } = decoded.data;
        const day = { org_id: event.orgId, store_id: storeId, business_date: issueDate };
        return taxLines(day, supply, 'B2B', asSold(taxChanges), 1);
      }
      case 'CreditNoteIssued':
      case 'DebitNoteIssued': {
        const { storeId, issueDate, supply, lines } = decoded.data;
        const day = { org_id: event.orgId, store_id: storeId, business_date: issueDate };
        return taxLines(day, supply, 'B2B', asSold(lines), decoded.type === 'CreditNoteIssued' ? -1 : 1);
      }
      default:
        return [];
    }
  },
};
