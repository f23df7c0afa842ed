import { describe, expect, it } from 'vitest';
import { DomainError, domainError, fieldPath, isDomainError } from './errors.js';

describe('DomainError', () => {
  const error = new DomainError('ORDER.ALREADY_VOIDED', 'data.orderId', 'this order was voided at 13:05');

  it('carries a stable code, the offending path and a human reason', () => {
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe('ORDER.ALREADY_VOIDED');
    expect(error.path).toBe('data.orderId');
    expect(error.reason).toBe('this order was voided at 13:05');
    expect(error).toBeInstanceOf(Error);
  });

  it('says all three in its message', () => {
    expect(error.message).toBe('ORDER.ALREADY_VOIDED at data.orderId: this order was voided at 13:05');
  });

  it('names the command as a whole when the path is empty', () => {
    expect(new DomainError('SHIFT.NOT_OPEN', '', 'open a shift first').message).toBe(
      'SHIFT.NOT_OPEN at (command): open a shift first',
    );
  });

  it('serialises to code, path and reason only, with no stack', () => {
    expect(error.toJSON()).toEqual({
      code: 'ORDER.ALREADY_VOIDED',
      path: 'data.orderId',
      reason: 'this order was voided at 13:05',
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual(error.toJSON());
  });
});

describe('domainError, isDomainError and fieldPath', () => {
  it('domainError builds a DomainError', () => {
    const error = domainError('STOCK.NEGATIVE', 'data.quantityDelta', 'would go below zero');
    expect(error).toBeInstanceOf(DomainError);
    expect(error.toJSON()).toEqual({
      code: 'STOCK.NEGATIVE',
      path: 'data.quantityDelta',
      reason: 'would go below zero',
    });
  });

  it('isDomainError tells a refusal from a bug', () => {
    expect(isDomainError(domainError('A.B', '', 'no'))).toBe(true);
    expect(isDomainError(new Error('boom'))).toBe(false);
    expect(isDomainError({ code: 'A.B', path: '', reason: 'no' })).toBe(false);
    expect(isDomainError(undefined)).toBe(false);
  });

  it('fieldPath joins segments as Zod reports paths', () => {
    expect(fieldPath('data', 'lines', 2, 'modifiers', 0)).toBe('data.lines.2.modifiers.0');
    expect(fieldPath()).toBe('');
  });
});
