import { divideRoundHalfUp, type Paise } from '../money.js';
import type { PricedLine } from '../pricing.js';

export type LineAmounts = { taxablePaise: Paise; cgstPaise: Paise; sgstPaise: Paise; igstPaise: Paise };

export const NO_AMOUNTS: LineAmounts = { taxablePaise: 0, cgstPaise: 0, sgstPaise: 0, igstPaise: 0 };

const FIELDS = ['taxablePaise', 'cgstPaise', 'sgstPaise', 'igstPaise'] as const;

/**
 * The part of a priced line that refunding `quantity` more units returns, given what earlier
 * refunds of the line returned.
 *
 * Each figure is the line's figure × (units refunded so far, this refund included) / units sold,
 * rounded half up, minus what was already returned. Rounding the running total rather than each
 * refund means the refunds of a line always add up to exactly the line, however it is split:
 * refunding 1 of 3 pizzas at 10001 p gives back 3334 p, then 3333 p, then 3334 p.
 */
export const refundOfLine = (
  line: PricedLine,
  refunded: { quantity: number; amounts: LineAmounts },
  quantity: number,
): LineAmounts & { totalPaise: Paise } => {
  const after = BigInt(refunded.quantity + quantity);
  const sold = BigInt(line.quantity);
  const part = {} as LineAmounts;
  for (const field of FIELDS) {
    const cumulative = after === sold ? line[field] : Number(divideRoundHalfUp(BigInt(line[field]) * after, sold));
    part[field] = cumulative - refunded.amounts[field];
  }
  return { ...part, totalPaise: part.taxablePaise + part.cgstPaise + part.sgstPaise + part.igstPaise };
};

export const addAmounts = (a: LineAmounts, b: LineAmounts): LineAmounts => ({
  taxablePaise: a.taxablePaise + b.taxablePaise,
  cgstPaise: a.cgstPaise + b.cgstPaise,
  sgstPaise: a.sgstPaise + b.sgstPaise,
  igstPaise: a.igstPaise + b.igstPaise,
});
