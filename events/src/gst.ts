import { z } from 'zod';
import { applyBasisPoints, assertSafePaise, BASIS_POINTS, divideRoundHalfUp, type Paise } from './money.js';

/**
 * GST arithmetic for one line of a bill. Rates are catalog data (a tax category's basis points),
 * never constants here: the same code taxes 5 % restaurant service and 18 % packaged drinks.
 *
 * The rounding rule (per line, as line-level invoices print it):
 *
 * - Tax-exclusive price, amount A, rate r:
 *     taxable = A
 *     intra-state: CGST = SGST = round(A × r/2), each rounded half up to the paisa
 *     inter-state: IGST = round(A × r)
 *     total = taxable + tax
 *   Example: A = ₹99.99 (9999 p), r = 5 % (500 bp). CGST = SGST = round(9999 × 250 / 10000)
 *   = round(249.975) = 250 p; tax = 500 p; total = 10499 p. The computed tax round(9999 × 5 %)
 *   = round(499.95) = 500 p — equal here, and never more than 1 paisa apart (two halves each
 *   rounded can add up to one paisa more or less than the whole rounded once).
 *
 * - Tax-inclusive price (the menu price is what the guest pays), amount G, rate r:
 *     estimate = round(G / (1 + r))
 *     intra-state: CGST = SGST = round(estimate × r/2); taxable = G − CGST − SGST
 *     inter-state: IGST = round(estimate × r); taxable = G − IGST
 *     total = G, exactly
 *   The printed price is the promise, so the taxable value absorbs the paisa that rounding moves.
 *   Example: G = ₹105.00 (10500 p), r = 5 %. estimate = round(10500 / 1.05) = 10000 p;
 *   CGST = SGST = round(10000 × 2.5 %) = 250 p; taxable = 10500 − 500 = 10000 p.
 *   Example with a moved paisa: G = 10 p at 18 %: estimate = round(8.47) = 8; CGST = SGST =
 *   round(0.72) = 1; taxable = 10 − 2 = 8 p.
 *
 * CGST always equals SGST. For exclusive prices and for IGST, |tax − taxable × r| ≤ 1 paisa. For an
 * inclusive price split into CGST + SGST the bound is (1 + r) paisa, and no rule can do better: the
 * tax is even and the total is fixed, so G = 3 p at 40 % leaves tax 0 (off by 1.2 p) or 2 p (off by
 * 1.6 p). The rule above always picks a closest such split. The property tests check all of this.
 */

export const SupplyKind = z.enum(['intra_state', 'inter_state']);
export type SupplyKind = z.infer<typeof SupplyKind>;

/** The two-digit GST state code (27 Maharashtra, 29 Karnataka, 07 Delhi, 97 other territory). */
export const GstStateCode = z
  .string()
  .regex(/^(0[1-9]|[1-3][0-9]|97|99)$/, { message: 'must be a two-digit GST state code such as 27' });
export type GstStateCode = z.infer<typeof GstStateCode>;

/** Where the supply is made decides the split: same state → CGST + SGST, else IGST. */
export const supplyKindOf = (supplierState: GstStateCode, placeOfSupply: GstStateCode): SupplyKind =>
  supplierState === placeOfSupply ? 'intra_state' : 'inter_state';

/**
 * HSN (goods: 4, 6 or 8 digits) or SAC (services: 6 digits starting 99). Restaurant service is SAC
 * 996331; a packaged drink carries its HSN.
 */
export const HsnSacCode = z
  .string()
  .regex(/^(\d{4}|\d{6}|\d{8})$/, { message: 'must be an HSN code of 4, 6 or 8 digits, or a 6-digit SAC' });
export type HsnSacCode = z.infer<typeof HsnSacCode>;

const GSTIN_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The GSTIN check character: a base-36 Luhn-style sum over the first 14 characters. */
export const gstinCheckCharacter = (first14: string): string => {
  let sum = 0;
  for (let i = 0; i < 14; i += 1) {
    const value = GSTIN_ALPHABET.indexOf(first14.charAt(i));
    const product = value * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return GSTIN_ALPHABET.charAt((36 - (sum % 36)) % 36);
};

/** A buyer's GST identification number: state code, PAN, entity number, `Z`, check character. */
export const Gstin = z
  .string()
  .regex(/^(0[1-9]|[1-3][0-9]|97|99)[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/, {
    message: 'must be a 15-character GSTIN such as 27AAPFU0939F1ZV',
  })
  .refine((gstin) => gstinCheckCharacter(gstin.slice(0, 14)) === gstin.charAt(14), {
    message: 'has a wrong check character',
  });
export type Gstin = z.infer<typeof Gstin>;

/**
 * A GST rate in basis points. The slabs in force are 0, 5, 18 and 40 % (and the older 12 % and
 * 28 % on historical bills); which item carries which is catalog data, so any whole number of basis
 * points up to 40 % is accepted.
 */
export const GstRate = z
  .number()
  .int({ message: 'must be a whole number of basis points (18 % = 1800)' })
  .min(0, { message: 'must not be negative' })
  .max(4000, { message: 'must not exceed 4000 basis points (40 %, the highest GST slab)' });

/**
 * A GST rate as a person writes it (5, 18, 12.5, 5%) to basis points, by its digits and never
 * through a float; null when it is not a rate. Whether the rate is allowed is GstRate's to say.
 */
export const parseGstPercent = (text: string): number | null => {
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!match) return null;
  return Number.parseInt(match[1] as string, 10) * 100 + Number.parseInt((match[2] ?? '0').padEnd(2, '0'), 10);
};

export type LineTax = {
  taxablePaise: Paise;
  cgstPaise: Paise;
  sgstPaise: Paise;
  igstPaise: Paise;
  taxPaise: Paise;
  totalPaise: Paise;
};

export type LineTaxInput = {
  /** What the line comes to after discounts and its share of service charge. */
  amountPaise: Paise;
  rateBasisPoints: number;
  priceIncludesTax: boolean;
  supply: SupplyKind;
};

export const computeLineTax = ({ amountPaise, rateBasisPoints, priceIncludesTax, supply }: LineTaxInput): LineTax => {
  assertSafePaise(amountPaise);
  if (!Number.isSafeInteger(rateBasisPoints) || rateBasisPoints < 0 || rateBasisPoints > BASIS_POINTS) {
    throw new RangeError(`tax rate must be 0..10000 basis points, got ${rateBasisPoints}`);
  }
  const base = priceIncludesTax
    ? assertSafePaise(
        divideRoundHalfUp(BigInt(amountPaise) * BigInt(BASIS_POINTS), BigInt(BASIS_POINTS + rateBasisPoints)),
      )
    : amountPaise;
  // Half of an odd rate (e.g. 0.25 % → 12.5 bp) is exact on a doubled scale: round(base × r / 20000).
  const half = assertSafePaise(divideRoundHalfUp(BigInt(base) * BigInt(rateBasisPoints), BigInt(2 * BASIS_POINTS)));
  const cgstPaise = supply === 'intra_state' ? half : 0;
  const sgstPaise = cgstPaise;
  const igstPaise = supply === 'inter_state' ? applyBasisPoints(base, rateBasisPoints) : 0;
  const taxPaise = cgstPaise + sgstPaise + igstPaise;
  const taxablePaise = priceIncludesTax ? amountPaise - taxPaise : amountPaise;
  return { taxablePaise, cgstPaise, sgstPaise, igstPaise, taxPaise, totalPaise: taxablePaise + taxPaise };
};
