import { describe, expect, it } from 'vitest';
import { spec } from '../testing/decider-spec.js';
import { AT, id, LATER, ORG } from '../testing/fixtures.js';
import type { ChangeTaxRate, DefineTaxCategory } from './tax-category.commands.js';
import { taxCategoryDecider } from './tax-category.decider.js';
import { taxCategoryStreamId, type TaxCategoryDefined, type TaxRateChanged } from './tax-category.events.js';

const TAX_CATEGORY = id(0x7c1);

const define: DefineTaxCategory = {
  type: 'DefineTaxCategory',
  data: {
    taxCategoryId: TAX_CATEGORY,
    orgId: ORG,
    name: 'Restaurant service',
    rateBasisPoints: 500,
    hsnSac: '996331',
    at: AT,
  },
};

const defined: TaxCategoryDefined = {
  type: 'TaxCategoryDefined',
  data: {
    taxCategoryId: TAX_CATEGORY,
    orgId: ORG,
    name: 'Restaurant service',
    rateBasisPoints: 500,
    hsnSac: '996331',
    definedAt: AT,
  },
};

const changeTo = (rateBasisPoints: number): ChangeTaxRate => ({
  type: 'ChangeTaxRate',
  data: { taxCategoryId: TAX_CATEGORY, rateBasisPoints, effectiveFrom: LATER, reason: 'GST council notification' },
});

const changed: TaxRateChanged = {
  type: 'TaxRateChanged',
  data: {
    taxCategoryId: TAX_CATEGORY,
    previousRateBasisPoints: 500,
    rateBasisPoints: 1800,
    effectiveFrom: LATER,
    reason: 'GST council notification',
  },
};

const taxCategory = spec(taxCategoryDecider);

describe('tax category stream id', () => {
  it('keeps the category before the first hyphen, as the envelope reads it', () => {
    expect(taxCategoryStreamId(TAX_CATEGORY)).toBe(`tax_category-${TAX_CATEGORY}`);
  });
});

describe('tax category: none', () => {
  it('is defined with its rate and default HSN/SAC', () => {
    taxCategory.given([]).when(define).then([defined]);
  });

  it('trims the name before recording it', () => {
    taxCategory
      .given([])
      .when({ ...define, data: { ...define.data, name: '  Restaurant service ' } })
      .then([defined]);
  });

  it('refuses a rate change before the category is defined', () => {
    taxCategory.given([]).when(changeTo(1800)).thenFails('CATALOG.TAX_CATEGORY_NOT_DEFINED', 'data.taxCategoryId');
  });

  it('refuses a rate above the highest GST slab', () => {
    taxCategory
      .given([])
      .when({ ...define, data: { ...define.data, rateBasisPoints: 4001 } })
      .thenFails('VALIDATION.INVALID', 'data.rateBasisPoints');
  });

  it('refuses a fractional rate', () => {
    taxCategory
      .given([])
      .when({ ...define, data: { ...define.data, rateBasisPoints: 2.5 } })
      .thenFails('VALIDATION.INVALID', 'data.rateBasisPoints');
  });

  it('refuses a malformed HSN/SAC code', () => {
    taxCategory
      .given([])
      .when({ ...define, data: { ...define.data, hsnSac: '99633' } })
      .thenFails('VALIDATION.INVALID', 'data.hsnSac');
  });

  it('refuses a time without a UTC offset', () => {
    taxCategory
      .given([])
      .when({ ...define, data: { ...define.data, at: '2026-11-24T13:05:00' } })
      .thenFails('VALIDATION.INVALID', 'data.at');
  });

  it('refuses an unknown command type', () => {
    taxCategory
      .given([])
      .when({ type: 'DeleteTaxCategory', data: {} } as never)
      .thenFails('VALIDATION.INVALID', 'type');
  });
});

describe('tax category: defined', () => {
  it('refuses a second definition', () => {
    taxCategory.given([defined]).when(define).thenFails('CATALOG.TAX_CATEGORY_ALREADY_DEFINED', 'data.taxCategoryId');
  });

  it('changes the rate, recording the previous one and when the new one applies', () => {
    taxCategory.given([defined]).when(changeTo(1800)).then([changed]);
  });

  it('records a change back from the rate it was changed to', () => {
    taxCategory
      .given([defined, changed])
      .when(changeTo(500))
      .then([
        { type: 'TaxRateChanged', data: { ...changed.data, previousRateBasisPoints: 1800, rateBasisPoints: 500 } },
      ]);
  });

  it('treats a change to the rate already in force as a no-op', () => {
    taxCategory.given([defined]).when(changeTo(500)).then([]);
    taxCategory.given([defined, changed]).when(changeTo(1800)).then([]);
  });

  it('refuses a change without a reason', () => {
    taxCategory
      .given([defined])
      .when({ ...changeTo(1800), data: { ...changeTo(1800).data, reason: '  ' } })
      .thenFails('VALIDATION.INVALID', 'data.reason');
  });

  it('folds the current rate and when it took effect', () => {
    taxCategory
      .given([defined, changed])
      .when(changeTo(1800))
      .thenEvents((_events, state) => {
        expect(state).toEqual({
          status: 'defined',
          taxCategoryId: TAX_CATEGORY,
          orgId: ORG,
          name: 'Restaurant service',
          rateBasisPoints: 1800,
          hsnSac: '996331',
          rateEffectiveFrom: LATER,
        });
      });
  });
});
