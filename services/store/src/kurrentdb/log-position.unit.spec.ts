import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePositions, decodeLogPosition, encodeLogPosition } from './log-position.js';

const MAX_U64 = (1n << 64n) - 1n;
const u64 = fc.bigInt({ min: 0n, max: MAX_U64 });
const position = fc.record({ commit: u64, prepare: u64 });

describe('KurrentDB log position', () => {
  it('encodes (commit, prepare) as two fixed-width lower-case hex numbers', () => {
    expect(encodeLogPosition({ commit: 0xf3an, prepare: 0x4d2n })).toBe('0000000000000f3a-00000000000004d2');
    expect(encodeLogPosition({ commit: MAX_U64, prepare: 0n })).toBe('ffffffffffffffff-0000000000000000');
  });

  it('decodes what it encodes, for every unsigned 64-bit pair', () => {
    fc.assert(
      fc.property(position, (p) => {
        expect(decodeLogPosition(encodeLogPosition(p))).toEqual(p);
      }),
      { seed: 20261124 },
    );
  });

  it('sorts as text exactly as the log orders positions, large bigints included', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        const [ta, tb] = [encodeLogPosition(a), encodeLogPosition(b)];
        const asText = ta < tb ? -1 : ta > tb ? 1 : 0;
        expect(asText).toBe(comparePositions(a, b));
      }),
      { seed: 20261124 },
    );
    // Numeric order that plain decimal text would get wrong: 9 < 10, 2^53 < 2^63.
    const ordered = [
      { commit: 9n, prepare: 9n },
      { commit: 10n, prepare: 0n },
      { commit: 10n, prepare: 11n },
      { commit: 2n ** 53n, prepare: 2n ** 53n },
      { commit: 2n ** 63n, prepare: 0n },
    ].map(encodeLogPosition);
    expect([...ordered].sort()).toEqual(ordered);
  });

  it('refuses a position outside unsigned 64 bits rather than write a token that sorts wrongly', () => {
    expect(() => encodeLogPosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => encodeLogPosition({ commit: 0n, prepare: MAX_U64 + 1n })).toThrow(RangeError);
  });

  it.each([
    '',
    '0000000000000f3a',
    '0000000000000f3a-4d2',
    '0000000000000F3A-00000000000004d2',
    '0000000000000f3a_00000000000004d2',
    ' 0000000000000f3a-00000000000004d2',
    '0000000000000f3a-00000000000004d2-0000000000000000',
    '000000000000zf3a-00000000000004d2',
    '00000000000000000f3a-00000000000004d2',
  ])('rejects the malformed token %j', (token) => {
    expect(() => decodeLogPosition(token)).toThrow(RangeError);
  });
});
