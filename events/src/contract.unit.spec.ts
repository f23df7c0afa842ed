import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commandRoutes, ReplayVerdict } from './contract.js';
import { MARGHERITA } from './testing/catalog-fixtures.js';
import { AT, id, STORE } from './testing/fixtures.js';

describe('the HTTP contract', () => {
  it('parses a checkout request as a register sends it, filling defaults', () => {
    const body = commandRoutes.placeOrder.body.parse({
      commandId: id(9),
      occurredAt: AT,
      data: {
        orderId: id(1),
        storeId: STORE,
        channel: 'dine_in',
        lines: [{ lineId: id(2), itemId: MARGHERITA.itemId, quantity: 2 }],
        tenders: [{ paymentId: id(3), kind: 'cash', amountPaise: 70_000 }],
      },
    });
    expect(body).toMatchObject({
      data: { registerId: null, shiftId: null, lines: [{ modifierIds: [] }], tenders: [{ tipPaise: 0 }] },
    });
  });

  it('names the field of a bad request: fractional paise in a tender', () => {
    const result = commandRoutes.placeOrder.body.safeParse({
      commandId: id(9),
      occurredAt: AT,
      data: {
        orderId: id(1),
        storeId: STORE,
        channel: 'dine_in',
        lines: [{ lineId: id(2), itemId: MARGHERITA.itemId, quantity: 1 }],
        tenders: [{ paymentId: id(3), kind: 'cash', amountPaise: 100.5 }],
      },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['data', 'tenders', 0, 'amountPaise']);
  });

  it('has a unique path for every route and a JSON Schema for every body and response, for the OpenAPI document', () => {
    const routes = Object.values(commandRoutes);
    expect(new Set(routes.map((route) => route.path)).size).toBe(routes.length);
    for (const route of routes) {
      expect(() => z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' })).not.toThrow();
      expect(() => z.toJSONSchema(route.response, { unrepresentable: 'any' })).not.toThrow();
    }
  });

  it('requires at least one conflict on an accepted_with_conflict verdict', () => {
    const verdict = { eventId: id(1), verdict: 'accepted_with_conflict', globalPosition: 10, conflicts: [] };
    expect(ReplayVerdict.safeParse(verdict).success).toBe(false);
    const withConflict = {
      ...verdict,
      conflicts: [{ kind: 'price_changed', path: 'data.lines.0.unitPricePaise', detail: '32500 → 34000' }],
    };
    expect(ReplayVerdict.parse(withConflict)).toEqual(withConflict);
  });
});
