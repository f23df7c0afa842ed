import { utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual, concatBytes, fromBase64Url, fromHex, toBase64Url, toHex, utf8Bytes } from './bytes.js';

describe('byte helpers', () => {
  it('encodes UTF-8 as TextEncoder (under noble’s utf8ToBytes) does, surrogate pairs as one code point and a lone surrogate as U+FFFD', () => {
    expect(toHex(utf8Bytes('A₹😀'))).toBe('41e282b9f09f9880');
    expect(toHex(utf8Bytes('\ud800x'))).toBe('efbfbd78');
    expect(toHex(utf8Bytes('é'))).toBe('c3a9');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(utf8Bytes(text)).toEqual(utf8ToBytes(text));
      }),
      { seed: 3629, numRuns: 150 },
    );
  });

  it('round-trips hex and base64url, RFC 4648’s vectors included', () => {
    expect(toBase64Url(utf8Bytes('foobar'))).toBe('Zm9vYmFy');
    expect(toBase64Url(utf8Bytes('fooba'))).toBe('Zm9vYmE');
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
        expect(fromHex(toHex(bytes))).toEqual(bytes);
      }),
      { seed: 4648, numRuns: 200 },
    );
  });

  it('refuses text that is not hex or base64url, so a tampered signature cannot decode to something else', () => {
    expect(() => fromHex('abc')).toThrow(RangeError);
    expect(() => fromHex('zz')).toThrow(RangeError);
    expect(() => fromBase64Url('Zm9v+A')).toThrow(/not base64url/);
    expect(() => fromBase64Url('Z')).toThrow(/impossible length/);
    expect(() => fromBase64Url('Zm9')).toThrow(/stray bits/);
  });

  it('joins and compares byte strings', () => {
    expect(concatBytes(Uint8Array.of(1), Uint8Array.of(), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3));
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1), Uint8Array.of(1, 0))).toBe(false);
  });
});
