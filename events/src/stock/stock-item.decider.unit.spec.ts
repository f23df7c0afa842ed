import { describe, it } from 'vitest';
import { spec } from '../testing/decider-spec.js';
import { AT, LATER, ORG, id } from '../testing/fixtures.js';
import type { DefineStockItem } from './stock-item.commands.js';
import { stockItemDecider } from './stock-item.decider.js';
import type { StockItemDefined, StockItemRenamed } from './stock-item.events.js';

const DOUGH = id(0xd0);

const define = (name: string, unit: DefineStockItem['data']['unit'] = 'g', at = AT): DefineStockItem => ({
  type: 'DefineStockItem',
  data: { stockItemId: DOUGH, orgId: ORG, name, unit, at },
});
const defined = (name: string): StockItemDefined => ({
  type: 'StockItemDefined',
  data: { stockItemId: DOUGH, name, unit: 'g', definedAt: AT },
});
const renamed = (name: string): StockItemRenamed => ({
  type: 'StockItemRenamed',
  data: { stockItemId: DOUGH, name, renamedAt: LATER },
});

describe('stock item never named', () => {
  const given = spec(stockItemDecider).given([]);

  it('is named with the unit its quantities count in', () => {
    given.when(define('Pizza dough')).then([defined('Pizza dough')]);
  });

  it('refuses a blank name, naming the field', () => {
    given.when(define('   ')).thenFails('VALIDATION.INVALID', 'data.name');
  });
});

describe('stock item already named', () => {
  const given = spec(stockItemDecider).given([defined('Pizza dough')]);

  it('takes the same definition again as a retry that records nothing', () => {
    given.when(define('Pizza dough', 'g', LATER)).then([]);
  });

  it('is renamed by a definition with another name', () => {
    given.when(define('Dough ball', 'g', LATER)).then([renamed('Dough ball')]);
  });

  it('keeps its unit: quantities already recorded count in it', () => {
    given.when(define('Pizza dough', 'piece', LATER)).thenFails('STOCK.UNIT_CHANGED', 'data.unit');
  });

  it('answers to its latest name after a rename', () => {
    spec(stockItemDecider)
      .given([defined('Pizza dough'), renamed('Dough ball')])
      .when(define('Dough ball', 'g', LATER))
      .then([]);
  });
});
