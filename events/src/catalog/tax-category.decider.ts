import { assertNever, type Decider, type Decision } from '../decider.js';
import { domainError, isDomainError } from '../errors.js';
import { parseOrError } from '../validation.js';
import { TaxCategoryCommand, type ChangeTaxRate, type DefineTaxCategory } from './tax-category.commands.js';
import type { TaxCategoryEvent } from './tax-category.events.js';

export type TaxCategoryState =
  | { status: 'none' }
  | {
      status: 'defined';
      taxCategoryId: string;
      orgId: string;
      name: string;
      rateBasisPoints: number;
      hsnSac: string;
      /** When the current rate took (or takes) effect: the definition time, or the last change's. */
      rateEffectiveFrom: string;
    };

export type DefinedTaxCategory = Extract<TaxCategoryState, { status: 'defined' }>;

const defineTaxCategory = ({ data }: DefineTaxCategory, state: TaxCategoryState): Decision<TaxCategoryEvent> => {
  if (state.status !== 'none') {
    return domainError(
      'CATALOG.TAX_CATEGORY_ALREADY_DEFINED',
      'data.taxCategoryId',
      'this tax category is already defined',
    );
  }
  return [
    {
      type: 'TaxCategoryDefined',
      data: {
        taxCategoryId: data.taxCategoryId,
        orgId: data.orgId,
        name: data.name,
        rateBasisPoints: data.rateBasisPoints,
        hsnSac: data.hsnSac,
        definedAt: data.at,
      },
    },
  ];
};

const changeTaxRate = ({ data }: ChangeTaxRate, state: TaxCategoryState): Decision<TaxCategoryEvent> => {
  if (state.status !== 'defined') {
    return domainError(
      'CATALOG.TAX_CATEGORY_NOT_DEFINED',
      'data.taxCategoryId',
      'no such tax category; define it first',
    );
  }
  // A repeated change (a retried request, a second operator applying the same notification) is
  // not a second slab change for the GST report.
  if (data.rateBasisPoints === state.rateBasisPoints) return [];
  return [
    {
      type: 'TaxRateChanged',
      data: {
        taxCategoryId: state.taxCategoryId,
        previousRateBasisPoints: state.rateBasisPoints,
        rateBasisPoints: data.rateBasisPoints,
        effectiveFrom: data.effectiveFrom,
        reason: data.reason,
      },
    },
  ];
};

const decide = (command: TaxCategoryCommand, state: TaxCategoryState): Decision<TaxCategoryEvent> => {
  const parsed = parseOrError(TaxCategoryCommand, command);
  if (isDomainError(parsed)) return parsed;
  switch (parsed.type) {
    case 'DefineTaxCategory':
      return defineTaxCategory(parsed, state);
    case 'ChangeTaxRate':
      return changeTaxRate(parsed, state);
    default:
      return assertNever(parsed);
  }
};

const evolve = (state: TaxCategoryState, event: TaxCategoryEvent): TaxCategoryState => {
  switch (event.type) {
    case 'TaxCategoryDefined':
      return {
        status: 'defined',
        taxCategoryId: event.data.taxCategoryId,
        orgId: event.data.orgId,
        name: event.data.name,
        rateBasisPoints: event.data.rateBasisPoints,
        hsnSac: event.data.hsnSac,
        rateEffectiveFrom: event.data.definedAt,
      };
    case 'TaxRateChanged':
      if (state.status !== 'defined') return state;
      return { ...state, rateBasisPoints: event.data.rateBasisPoints, rateEffectiveFrom: event.data.effectiveFrom };
    default:
      return assertNever(event);
  }
};

const initialState = (): TaxCategoryState => ({ status: 'none' });

export const taxCategoryDecider: Decider<TaxCategoryCommand, TaxCategoryEvent, TaxCategoryState> = {
  decide,
  evolve,
  initialState,
};
