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

  insertOrder(order: { orderId: string; shiftId: string | null; state: OrderState; placedAt: string }): void {
    db.prepare(`INSERT INTO orders (order_id, shift_id, state, placed_at) VALUES (?, ?, ?, ?)`).run(
      order.orderId,
      order.shiftId,
      JSON.stringify(order.state),
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

  /** A shift's state after its drawer recorded a sale's, void's or refund's cash. */
  saveShift(shiftId: string, state: ShiftState): void {
    db.prepare('UPDATE shifts SET state = ? WHERE shift_id = ?').run(JSON.stringify(state), shiftId);
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

export type TillState = ReturnType<typeof createTillState>;
