import { describe, expect, it } from 'vitest';
import {
  computeLineTax,
  GstRate,
  GstStateCode,
  parseGstPercent,
  Gstin,
  gstinCheckCharacter,
  HsnSacCode,
  SupplyKind,
  supplyKindOf,
  type LineTaxInput,
} from './gst.js';
import { MoneyOverflowError } from './money.js';

const tax = (input: Partial<LineTaxInput> & Pick<LineTaxInput, 'amountPaise' | 'rateBasisPoints'>) =>
  computeLineTax({ priceIncludesTax: false, supply: 'intra_state', ...input });

describe('computeLineTax, the worked examples of gst.ts', () => {
  it('exclusive ₹99.99 at 5 % intra-state: CGST = SGST = round(249.975) = 250 p, total 10499 p', () => {
    expect(tax({ amountPaise: 9999, rateBasisPoints: 500 })).toEqual({
      taxablePaise: 9999,
      cgstPaise: 250,
      sgstPaise: 250,
      igstPaise: 0,
      taxPaise: 500,
      totalPaise: 10_499,
    });
  });

  it('inclusive ₹105.00 at 5 % intra-state: estimate 10000 p, CGST = SGST = 250 p, total stays 10500 p', () => {
    expect(tax({ amountPaise: 10_500, rateBasisPoints: 500, priceIncludesTax: true })).toEqual({
      taxablePaise: 10_000,
      cgstPaise: 250,
      sgstPaise: 250,
      igstPaise: 0,
      taxPaise: 500,
      totalPaise: 10_500,
    });
  });

  it('inclusive 10 p at 18 %: estimate round(8.47) = 8, CGST = SGST = round(0.72) = 1, taxable absorbs it: 8 p', () => {
    expect(tax({ amountPaise: 10, rateBasisPoints: 1800, priceIncludesTax: true })).toEqual({
      taxablePaise: 8,
      cgstPaise: 1,
      sgstPaise: 1,
      igstPaise: 0,
      taxPaise: 2,
      totalPaise: 10,
    });
  });
});

describe('computeLineTax, inter-state supply', () => {
  it('charges IGST on the whole rate, rounded once, and no CGST or SGST', () => {
    // round(9999 × 5 %) = round(499.95) = 500
    expect(tax({ amountPaise: 9999, rateBasisPoints: 500, supply: 'inter_state' })).toEqual({
      taxablePaise: 9999,
      cgstPaise: 0,
      sgstPaise: 0,
      igstPaise: 500,
      taxPaise: 500,
      totalPaise: 10_499,
    });
  });

  it('can differ by a paisa from CGST + SGST, because two halves are rounded separately', () => {
    // 73620 × 2.5 % = 1840.5 → 1841 twice = 3682; 73620 × 5 % = 3681 exactly.
    expect(tax({ amountPaise: 73_620, rateBasisPoints: 500 }).taxPaise).toBe(3682);
    expect(tax({ amountPaise: 73_620, rateBasisPoints: 500, supply: 'inter_state' }).taxPaise).toBe(3681);
  });

  it('keeps an inclusive price as the total: ₹180.00 at 18 % is 15254 p taxable + 2746 p IGST', () => {
    // estimate = round(18000 / 1.18) = round(15254.24) = 15254; IGST = round(15254 × 18 %) = round(2745.72) = 2746
    expect(tax({ amountPaise: 18_000, rateBasisPoints: 1800, priceIncludesTax: true, supply: 'inter_state' })).toEqual({
      taxablePaise: 15_254,
      cgstPaise: 0,
      sgstPaise: 0,
      igstPaise: 2746,
      taxPaise: 2746,
      totalPaise: 18_000,
    });
  });
});

describe('computeLineTax, edges', () => {
  it('charges nothing at 0 %, inclusive or not', () => {
    const nil = { taxablePaise: 12_345, cgstPaise: 0, sgstPaise: 0, igstPaise: 0, taxPaise: 0, totalPaise: 12_345 };
    expect(tax({ amountPaise: 12_345, rateBasisPoints: 0 })).toEqual(nil);
    expect(tax({ amountPaise: 12_345, rateBasisPoints: 0, priceIncludesTax: true, supply: 'inter_state' })).toEqual(
      nil,
    );
  });

  it('charges nothing on a zero amount', () => {
    expect(tax({ amountPaise: 0, rateBasisPoints: 1800, priceIncludesTax: true }).totalPaise).toBe(0);
    expect(tax({ amountPaise: 0, rateBasisPoints: 1800 }).taxPaise).toBe(0);
  });

  it('halves an odd rate exactly: 0.25 % of ₹20.00 is 5 p, 2.5 p each half, rounded up to 3 + 3', () => {
    expect(tax({ amountPaise: 2000, rateBasisPoints: 25 })).toMatchObject({ cgstPaise: 3, sgstPaise: 3, taxPaise: 6 });
  });

  it('cannot keep an inclusive intra-state tax within 1 paisa of exact: 3 p at 40 % has no such even split', () => {
    // Tax 0 leaves taxable 3 p, whose 40 % is 1.2 p; tax 2 p leaves 1 p, whose 40 % is 0.4 p: off by 1.2 or 1.6.
    expect(tax({ amountPaise: 3, rateBasisPoints: 4000, priceIncludesTax: true })).toMatchObject({
      taxablePaise: 3,
      taxPaise: 0,
      totalPaise: 3,
    });
  });

  it('refuses a rate outside 0..10000 basis points or not a whole number', () => {
    expect(() => tax({ amountPaise: 100, rateBasisPoints: -1 })).toThrow(RangeError);
    expect(() => tax({ amountPaise: 100, rateBasisPoints: 10_001 })).toThrow(RangeError);
    expect(() => tax({ amountPaise: 100, rateBasisPoints: 2.5 })).toThrow(RangeError);
  });

  it('refuses an amount that is not a safe integer', () => {
    expect(() => tax({ amountPaise: 10.5, rateBasisPoints: 500 })).toThrow(MoneyOverflowError);
  });
});

describe('supplyKindOf', () => {
  it('is intra-state when the supplier and the place of supply are in the same state', () => {
    expect(supplyKindOf('27', '27')).toBe('intra_state');
  });

  it('is inter-state when they differ', () => {
    expect(supplyKindOf('27', '29')).toBe('inter_state');
  });

  it('is one of the two SupplyKind values', () => {
    expect(SupplyKind.options).toEqual(['intra_state', 'inter_state']);
  });
});

describe('GstStateCode', () => {
  it.each(['01', '07', '27', '29', '38', '97', '99'])('accepts %s', (code) => {
    expect(GstStateCode.safeParse(code).success).toBe(true);
  });

  it.each(['00', '40', '98', '7', '270', 'MH', 27])('rejects %s', (code) => {
    expect(GstStateCode.safeParse(code).success).toBe(false);
  });
});

describe('Gstin', () => {
  it('accepts a GSTIN with the right check character', () => {
    expect(Gstin.safeParse('27AAPFU0939F1ZV').success).toBe(true);
    expect(Gstin.safeParse('29AAGCB7383J1Z4').success).toBe(true);
  });

  it('rejects a wrong check character, saying so', () => {
    const result = Gstin.safeParse('27AAPFU0939F1ZW');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('has a wrong check character');
  });

  it('rejects a mistyped character that the checksum catches', () => {
    expect(Gstin.safeParse('27AAPFU0939F2ZV').success).toBe(false);
  });

  it('rejects lowercase, a wrong length, a bad state code and a missing Z', () => {
    expect(Gstin.safeParse('27aapfu0939f1zv').success).toBe(false);
    expect(Gstin.safeParse('27AAPFU0939F1Z').success).toBe(false);
    expect(Gstin.safeParse('27AAPFU0939F1ZVV').success).toBe(false);
    expect(Gstin.safeParse('00AAPFU0939F1ZV').success).toBe(false);
    expect(Gstin.safeParse('27AAPFU0939F1YV').success).toBe(false);
  });

  it('computes the check character of the first 14 characters', () => {
    expect(gstinCheckCharacter('27AAPFU0939F1Z')).toBe('V');
    expect(gstinCheckCharacter('29AAGCB7383J1Z')).toBe('4');
  });
});

describe('HsnSacCode', () => {
  it.each(['2202', '996331', '22029920'])('accepts %s (4, 6 or 8 digits)', (code) => {
    expect(HsnSacCode.safeParse(code).success).toBe(true);
  });

  it.each(['22029', '220', '2202992', '220299201', '99633A'])('rejects %s', (code) => {
    expect(HsnSacCode.safeParse(code).success).toBe(false);
  });
});

describe('GstRate', () => {
  it('accepts whole basis points from 0 to 4000 (40 %, the highest slab)', () => {
    for (const rate of [0, 500, 1200, 1800, 2800, 4000]) expect(GstRate.safeParse(rate).success).toBe(true);
  });

  it('rejects more than 40 %, negative and fractional rates', () => {
    for (const rate of [4001, -1, 250.5]) expect(GstRate.safeParse(rate).success).toBe(false);
  });
});

describe('a GST rate as a person types it', () => {
  it('is read to basis points by its digits, and anything else is not a rate', () => {
    expect(['5', '12.5%', '0.25', ' 18 % '].map(parseGstPercent)).toEqual([500, 1250, 25, 1800]);
    expect(['-5', '5.555', 'ten', '', '100'].map(parseGstPercent)).toEqual([null, null, null, null, null]);
  });
});
