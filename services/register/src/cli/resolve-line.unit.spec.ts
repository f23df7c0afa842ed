import type { CatalogEntry } from '@possier/events';
import { describe, expect, it } from 'vitest';
import { resolveLine } from './index.js';

const item = (itemId: string, name: string): CatalogEntry => ({ itemId, name, kind: 'item' }) as CatalogEntry;
const menu = [
  item('spaghetti', 'Spaghetti'),
  item('spaghetti-meatballs', 'Spaghetti & Meatballs'),
  item('supreme-m', 'The Italian Supreme Pizza (M)'),
  item('supreme-l', 'The Italian Supreme Pizza (L)'),
  item('ratio', 'Tea: Masala'),
];

describe('--item on the register', () => {
  it('takes an exact name over the longer names it begins, in any case', () => {
    expect(resolveLine(menu, 'Spaghetti:1')).toMatchObject({ itemId: 'spaghetti', quantity: 1 });
    expect(resolveLine(menu, 'spaghetti')).toMatchObject({ itemId: 'spaghetti', quantity: 1 });
  });

  it('takes the start of a name only one item has, and an id', () => {
    expect(resolveLine(menu, 'Spaghetti &:3')).toMatchObject({ itemId: 'spaghetti-meatballs', quantity: 3 });
    expect(resolveLine(menu, 'supreme-l:2')).toMatchObject({ itemId: 'supreme-l', quantity: 2 });
  });

  it('reads the quantity after the last colon, so a name may hold one', () => {
    expect(resolveLine(menu, 'Tea: Masala:2')).toMatchObject({ itemId: 'ratio', quantity: 2 });
    expect(resolveLine(menu, 'Tea: Masala')).toMatchObject({ itemId: 'ratio', quantity: 1 });
  });

  it('names every item a shared start matches, and refuses a quantity that is not a whole number above zero', () => {
    expect(() => resolveLine(menu, 'The Italian:1')).toThrow(
      '--item The Italian:1: matches The Italian Supreme Pizza (M), The Italian Supreme Pizza (L); give more of the name',
    );
    expect(() => resolveLine(menu, 'Dosa')).toThrow('nothing on the menu matches');
    for (const bad of ['Spaghetti:0', 'Spaghetti:-1', 'Spaghetti:1.5'])
      expect(() => resolveLine(menu, bad)).toThrow('the quantity must be a whole number above zero');
  });
});
