import { gstinCheckCharacter } from '@possier/events';
import type { TokenService } from '@possier/ledger';
import { demoApi } from './demo-api.js';
import { DEMO, DEMO_USERS, demoId } from './demo-ids.js';

const owner = DEMO_USERS.find((user) => user.role === 'owner') as (typeof DEMO_USERS)[number];

/**
 * Catering billed from Bandra (Maharashtra) to a Bengaluru company: a B2B supply to another state,
 * so the GST summary and the receivables report have an IGST invoice beside the day's CGST/SGST
 * sales. Half of it paid on the day.
 */
export const issueDemoInvoice = async (url: string, tokens: TokenService, businessDate: string): Promise<void> => {
  const api = demoApi(url);
  const token = await tokens.sign({ kind: 'user', orgId: DEMO.org, userId: owner.userId }, { expiresIn: '1h' });
  const invoiceId = demoId('invoice:catering-1');
  await api.command('/v1/invoices', token, {
    invoiceId,
    orgId: DEMO.org,
    storeId: DEMO.bandra,
    invoiceNumber: 'BDR/26-27/0001',
    supplierStateCode: '27',
    customer: {
      customerId: demoId('customer:bengaluru-caterers'),
      legalName: 'Bengaluru Office Caterers LLP',
      gstin: `29AAPFU0939F1Z${gstinCheckCharacter('29AAPFU0939F1Z')}`,
      stateCode: '29',
    },
    lines: [
      {
        lineId: demoId('invoice:catering-1:line-1'),
        item: {
          itemId: demoId('invoice:catering-1:platter'),
          name: 'Pizza platter for 40 (catering)',
          hsnSac: '996334',
          unitPricePaise: 1_200_000,
          priceIncludesTax: false,
          taxRateBasisPoints: 1_800,
        },
        quantity: 1,
      },
    ],
    issueDate: businessDate,
    paymentTerms: { netDays: 30 },
  });
  await api.command(`/v1/invoices/${invoiceId}/payments`, token, {
    invoiceId,
    paymentId: demoId('invoice:catering-1:advance'),
    amountPaise: 708_000,
    method: 'bank_transfer',
    receivedOn: businessDate,
  });
};
