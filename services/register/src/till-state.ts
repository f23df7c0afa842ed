import { orderDecider, shiftDecider, type OrderState, type ShiftState } from '@possier/events';
import { readSetting, writeSetting, type LocalStore } from './local-store.js';

/**
 * This register's own orders and shifts, each kept as its decider's folded state, which is what
 * the till decides the next command on. The writes change no events: callers make them inside
 * the outbox transaction (`record`'s `also`), with the events that lead to the state.
 */
export const createTillState = (db: LocalStore) => ({
  order(orderId: string): OrderState {
    const row = db.prepare('SELECT state FROM orders WHERE order_id = ?').get(orderId) as { state: string } | undefined;
    return row ? (JSON.parse(row.state) as OrderState) : orderDecider.initialState();
  },

  /** A new order, with the cash it took in and gave back, which the shift's close counts. */
  insertOrder(order: {
    orderId: string;
    shiftId: string | null;
    state: OrderState;
    cashTenderedPaise: number;
    changePaise: number;
    placedAt: string;
  }): void {
    db.prepare(
      `INSERT INTO orders (order_id, shift_id, state, cash_tendered_paise, change_paise, placed_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      order.orderId,
      order.shiftId,
      JSON.stringify(order.state),
      order.cashTenderedPaise,
      order.changePaise,
      order.placedAt,
    );
  },

  saveOrder(orderId: string, state: OrderState): void {
    db.prepare('UPDATE orders SET state = ? WHERE order_id = ?').run(JSON.stringify(state), orderId);
  },

  shift(shiftId: string): ShiftState {
    const row = db.prepare('SELECT state FROM shifts WHERE shift_id = ?').get(shiftId) as { state: string } | undefined;
    return row ? (JSON.parse(row.state) as ShiftState) : shiftDecider.initialState();
  },

  /** This register's cash sales and change on a shift, from its orders that stand (not voided). */
  cashTakings(shiftId: string): { cashSalesPaise: number; changeGivenPaise: number } {
    const takings = db
      .prepare(
        `SELECT coalesce(sum(cash_tendered_paise), 0) AS cash, coalesce(sum(change_paise), 0) AS change
         FROM orders WHERE shift_id = ? AND json_extract(state, '$.status') <> 'voided'`,
      )
      .get(shiftId) as { cash: number; change: number };
    return { cashSalesPaise: takings.cash, changeGivenPaise: takings.change };
  },

  /** A newly opened shift, which becomes the register's current one. */
  insertOpenedShift(shiftId: string, state: ShiftState, openedAt: string): void {
    db.prepare('INSERT INTO shifts (shift_id, state, opened_at) VALUES (?, ?, ?)').run(
      shiftId,
      JSON.stringify(state),
      openedAt,
    );
    writeSetting(db, 'currentShift', shiftId);
  },

  /** A closed shift; it stops being current unless another shift has become current since. */
  saveClosedShift(shiftId: string, state: ShiftState): void {
    db.prepare('UPDATE shifts SET state = ? WHERE shift_id = ?').run(JSON.stringify(state), shiftId);
    db.prepare(`DELETE FROM settings WHERE key = 'currentShift' AND value = ?`).run(shiftId);
  },

  currentShift(): string | undefined {
    return readSetting(db, 'currentShift');
  },
});
