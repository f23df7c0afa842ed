import type { Paise } from '../money.js';

/** What the drawer took in and paid out through this shift's orders, as its drawer records sum it. */
export type CashTakings = { cashSalesPaise: Paise; changeGivenPaise: Paise; cashRefundsPaise: Paise };

export type DrawerFigures = { floatPaise: Paise; cashTakings: CashTakings; cashInPaise: Paise; cashOutPaise: Paise };

/**
 * The cash that should be in the drawer at close:
 * float + cash sales − change given − cash refunds + cash in − cash out.
 *
 * Exact in BigInt: each term is a safe integer but their sum need not be, and the caller decides
 * what an out-of-range result means (a refused command, an invalid stored event).
 */
export const expectedDrawerCash = ({ floatPaise, cashTakings, cashInPaise, cashOutPaise }: DrawerFigures): bigint =>
  BigInt(floatPaise) +
  BigInt(cashTakings.cashSalesPaise) -
  BigInt(cashTakings.changeGivenPaise) -
  BigInt(cashTakings.cashRefundsPaise) +
  BigInt(cashInPaise) -
  BigInt(cashOutPaise);

export const NO_TAKINGS: CashTakings = { cashSalesPaise: 0, changeGivenPaise: 0, cashRefundsPaise: 0 };
