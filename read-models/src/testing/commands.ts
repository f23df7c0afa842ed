import { REGISTER, STORE, storeContext } from './fixtures.js';

type Line = { lineId: string; itemId: string; quantity: number; modifierIds?: string[]; discount?: object };
type TenderInput = { paymentId: string; kind: string; amountPaise: number; tipPaise?: number; accountId?: string };

/** A PlaceOrder in its input shape; the decider fills the defaults. */
export const checkout = (
  orderId: string,
  lines: ReadonlyArray<Line>,
  tenders: ReadonlyArray<TenderInput>,
  options: {
    storeId?: string;
    shiftId?: string | null;
    orderNumber?: string;
    orderDiscount?: object;
    serviceCharge?: { basisPoints: number };
  } = {},
) => ({
  type: 'PlaceOrder',
  data: {
    orderId,
    storeId: options.storeId ?? STORE,
    registerId: REGISTER,
    shiftId: options.shiftId ?? null,
    ...(options.orderNumber === undefined ? {} : { orderNumber: options.orderNumber }),
    ...(options.orderDiscount === undefined ? {} : { orderDiscount: options.orderDiscount }),
    ...(options.serviceCharge === undefined ? {} : { serviceCharge: options.serviceCharge }),
    channel: 'dine_in',
    lines,
    tenders,
  },
  context: storeContext(options.storeId ?? STORE),
});
