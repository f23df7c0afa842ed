import { divideRoundHalfUp, formatRupees, type Paise } from '@possier/events';

/** `₹1,23,456.78` from integer paise: every amount the page prints, exact to the paisa. */
export const rupees = (amount: Paise): string => formatRupees(amount);

const PAISE_PER_LAKH = 10_000_000n;
const PAISE_PER_CRORE = 1_000_000_000n;

/** `hundredths` as `12.35`, `12.3` or `12`: two decimals at most, trailing zeros dropped. */
const withHundredths = (hundredths: bigint): string => {
  const whole = hundredths / 100n;
  const fraction = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
};

/**
 * A chart axis label: whole rupees below a lakh (`₹45,000`), then lakhs (`₹12.35 L`) and crores
 * (`₹1.2 Cr`), rounded half up — short enough for an axis, never used for a figure a reader
 * would copy. Integer arithmetic throughout, so no float ever rounds an amount.
 */
export const rupeesCompact = (amount: Paise): string => {
  const sign = amount < 0 ? '−' : '';
  const magnitude = BigInt(Math.abs(amount));
  if (magnitude >= PAISE_PER_CRORE)
    return `${sign}₹${withHundredths(divideRoundHalfUp(magnitude * 100n, PAISE_PER_CRORE))} Cr`;
  if (magnitude >= PAISE_PER_LAKH)
    return `${sign}₹${withHundredths(divideRoundHalfUp(magnitude * 100n, PAISE_PER_LAKH))} L`;
  const wholeRupees = divideRoundHalfUp(magnitude, 100n) * 100n;
  return `${sign}${formatRupees(Number(wholeRupees)).slice(0, -3)}`;
};
