import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from './errors.js';
import { parseOrError, zodErrorToDomainError } from './validation.js';

const Lines = z.object({
  lines: z.array(z.object({ quantity: z.number().int().positive({ message: 'must be greater than zero' }) })).min(1),
  note: z.string().default(''),
});

describe('parseOrError', () => {
  it('returns the parsed data, defaults filled in', () => {
    expect(parseOrError(Lines, { lines: [{ quantity: 2 }] })).toEqual({ lines: [{ quantity: 2 }], note: '' });
  });

  it('turns the first issue into a DomainError naming the field the way Zod reports it', () => {
    const result = parseOrError(Lines, { lines: [{ quantity: 0 }] });
    expect(result).toBeInstanceOf(DomainError);
    expect(result).toMatchObject({
      code: 'VALIDATION.INVALID',
      path: 'lines.0.quantity',
      reason: 'must be greater than zero',
    });
  });

  it('puts a prefix before the path and uses a custom code', () => {
    const result = parseOrError(
      Lines,
      { lines: [{ quantity: 1 }, { quantity: -1 }] },
      { pathPrefix: 'data', code: 'ORDER.INVALID' },
    );
    expect(result).toMatchObject({ code: 'ORDER.INVALID', path: 'data.lines.1.quantity' });
  });

  it('names the whole input with an empty path, or the prefix, when the input is not even an object', () => {
    expect(parseOrError(Lines, 'lines')).toMatchObject({ path: '' });
    expect(parseOrError(Lines, null, { pathPrefix: 'data' })).toMatchObject({ path: 'data' });
  });
});

describe('zodErrorToDomainError', () => {
  it('says "is invalid" at the prefix when Zod gives no issue', () => {
    expect(zodErrorToDomainError(new z.ZodError([]), { pathPrefix: 'data' }).toJSON()).toEqual({
      code: 'VALIDATION.INVALID',
      path: 'data',
      reason: 'is invalid',
    });
    expect(zodErrorToDomainError(new z.ZodError([])).path).toBe('');
  });
});
