import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commandDeclarations, type CommandName } from './command-declarations.js';
import { commandRoutes } from './contract.js';
import { OrderPlaced } from './order/index.js';
import { ShiftClosed } from './shift/index.js';
import { strictRequest } from './strict-request.js';
import { MARGHERITA } from './testing/catalog-fixtures.js';
import { AT, id, STORE } from './testing/fixtures.js';
import { issuePaths, parseOrError } from './validation.js';

const names = Object.keys(commandDeclarations) as CommandName[];

/** Every field an answer would name for this body, as the ledger names them. */
const refusedPaths = (name: CommandName, body: unknown): string[] => {
  const result = commandRoutes[name].body.safeParse(body);
  return result.success ? [] : result.error.issues.flatMap((issue) => issuePaths(issue).map((path) => path.join('.')));
};

/** The least of `data` that picks a branch: a union's discriminator, so the branch's own members are checked. */
const branchOf = (name: CommandName): Record<string, unknown> => {
  const def = (commandDeclarations[name].data as z.ZodType)._zod.def as {
    discriminator?: string;
    options?: z.ZodType[];
  };
  if (def.discriminator === undefined || !def.options?.[0]) return {};
  const [value] = def.options[0]._zod.propValues?.[def.discriminator] ?? [];
  return { [def.discriminator]: value };
};

const checkout = (data: Record<string, unknown> = {}) => ({
  commandId: id(9),
  occurredAt: AT,
  data: {
    orderId: id(1),
    storeId: STORE,
    channel: 'dine_in',
    lines: [{ lineId: id(2), itemId: MARGHERITA.itemId, quantity: 2 }],
    tenders: [{ paymentId: id(3), kind: 'cash', amountPaise: 70_000 }],
    ...data,
  },
});

describe('a command request names only the fields its command declares', () => {
  it.each(names)('%s refuses an unknown member of data, naming it', (name) => {
    const data = { ...branchOf(name), extra: 'ignored?' };
    expect(refusedPaths(name, { commandId: id(9), occurredAt: AT, data })).toContain('data.extra');
  });

  it.each(names)('%s refuses an unknown member beside data, naming it', (name) => {
    expect(refusedPaths(name, { commandId: id(9), occurredAt: AT, data: {}, extra: true })).toContain('extra');
  });

  it('refuses an unknown member of a nested object (a line, a tender), with its path', () => {
    const lines = [{ lineId: id(2), itemId: MARGHERITA.itemId, quantity: 2, unitPricePaise: 1 }];
    expect(refusedPaths('placeOrder', checkout({ lines }))).toEqual(['data.lines.0.unitPricePaise']);
    const tenders = [{ paymentId: id(3), kind: 'cash', amountPaise: 70_000, approved: true }];
    expect(refusedPaths('placeOrder', checkout({ tenders }))).toEqual(['data.tenders.0.approved']);
  });

  it('turns an unknown member into one error naming it and saying why', () => {
    const refused = parseOrError(commandRoutes.placeOrder.body, checkout({ extra: 1 }));
    expect(refused).toMatchObject({ code: 'VALIDATION.INVALID', path: 'data.extra' });
    expect((refused as { reason: string }).reason).toMatch(/not a field/);
  });

  it('refuses the cash takings a close once carried: the server counts them itself', () => {
    const body = {
      commandId: id(9),
      occurredAt: AT,
      data: {
        shiftId: id(4),
        countedCashPaise: 10_000,
        closedAt: AT,
        closedBy: id(5),
        cashTakings: { cashSalesPaise: 9_999_999, changeGivenPaise: 0, cashRefundsPaise: 0 },
      },
    };
    expect(refusedPaths('closeShift', body)).toEqual(['data.cashTakings']);
    const { cashTakings: _, ...data } = body.data;
    expect(refusedPaths('closeShift', { ...body, data })).toEqual([]);
  });

  it('still fills defaults and keeps refinements', () => {
    expect(commandRoutes.placeOrder.body.parse(checkout())).toMatchObject({
      data: { registerId: null, lines: [{ modifierIds: [] }], tenders: [{ tipPaise: 0 }] },
    });
    const refined = strictRequest(
      z.object({ low: z.number(), high: z.number() }).refine((value) => value.low <= value.high, { path: ['high'] }),
    );
    expect(refined.safeParse({ low: 2, high: 1 }).error?.issues[0]?.path).toEqual(['high']);
  });

  it('leaves the schemas of stored events and of declared data as they were: old events still read', () => {
    expect(strictRequest(OrderPlaced)).not.toBe(OrderPlaced);
    const placed = OrderPlaced.shape.data;
    expect(placed.def.catchall).toBeUndefined();
    expect(ShiftClosed.def.catchall).toBeUndefined();
    for (const name of names) {
      const { data } = commandDeclarations[name];
      expect((data as unknown as z.ZodObject).def.catchall, name).toBeUndefined();
    }
  });
});
