import type { TokenService } from '@possier/ledger';
import { demoApi, indiaTime } from './demo-api.js';
import { DEMO, DEMO_USERS, demoId } from './demo-ids.js';

const owner = DEMO_USERS.find((user) => user.role === 'owner') as (typeof DEMO_USERS)[number];

/** Pizza Lane's regulars, enrolled for loyalty at Bandra; phone numbers from the range kept for fiction. */
export const DEMO_REGULARS = [
  { name: 'Anjali Desai', phone: '+91 98200 00101' },
  { name: 'Rohan Mehta', phone: '+91 98200 00102' },
  { name: 'Priya Nair', phone: '+91 98200 00103' },
  { name: 'Karan Malhotra', phone: '+91 98200 00104' },
  { name: 'Sneha Kulkarni', phone: '+91 98200 00105' },
].map((regular, index) => ({ ...regular, customerId: demoId(`customer:${index}`) }));

/**
 * What the demo's reports of customers, loyalty and stock show: Pizza Lane's loyalty rule (10
 * points per ₹100, a point worth ₹1, a year to use them), its regulars enrolled with consent (the
 * tills pull them and sell to them), and this morning's dough and tea received at each store.
 */
export const setUpDemoRegulars = async (url: string, tokens: TokenService): Promise<void> => {
  const api = demoApi(url);
  const token = await tokens.sign({ kind: 'user', orgId: DEMO.org, userId: owner.userId }, { expiresIn: '1h' });
  await api.command(`/v1/brands/${DEMO.pizzaBrand}/loyalty-rule`, token, {
    brandId: DEMO.pizzaBrand,
    pointsPer100Rupees: 10,
    pointValuePaise: 100,
    expiryDays: 365,
  });
  for (const regular of DEMO_REGULARS) {
    await api.command('/v1/customers', token, {
      customerId: regular.customerId,
      storeId: DEMO.bandra,
      name: regular.name,
      phone: regular.phone,
      consent: { marketing: false, loyalty: true },
    });
  }
};

/** Stock received this morning: dough at both pizza stores (grams), tea leaf at Chai Corner. */
export const receiveDemoStock = async (url: string, tokens: TokenService): Promise<void> => {
  const api = demoApi(url);
  const token = await tokens.sign({ kind: 'user', orgId: DEMO.org, userId: owner.userId }, { expiresIn: '1h' });
  const receipts = [
    { storeId: DEMO.bandra, stockItemId: DEMO.dough, quantity: 60_000, supplierReference: 'Bandra Bakery DC-1041' },
    { storeId: DEMO.koramangala, stockItemId: DEMO.dough, quantity: 25_000, supplierReference: 'Koramangala Mills 77' },
    { storeId: DEMO.andheri, stockItemId: DEMO.chaiLeaf, quantity: 2_000, supplierReference: 'Assam Leaf Co. 2231' },
  ];
  for (const [index, receipt] of receipts.entries()) {
    await api.command('/v1/stock/adjustments', token, {
      ...receipt,
      reason: 'receipt',
      adjustmentId: demoId(`receipt:${index}`),
      occurredAt: indiaTime(new Date()),
    });
  }
};
