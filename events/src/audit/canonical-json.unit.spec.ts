import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('writes RFC 8785’s own example byte for byte: sorted keys, shortest numbers, minimal escapes', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    expect(canonicalJson(JSON.parse(input))).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 §3.2.3 orders them', () => {
    const input = JSON.parse(
      String.raw`{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}`,
    ) as Record<string, string>;
    const expectedOrder = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    const members = expectedOrder.map((key) => `${JSON.stringify(key)}:${JSON.stringify(input[key])}`);
    expect(canonicalJson(input)).toBe(`{${members.join(',')}}`);
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('sees values as JSON.stringify does: toJSON, undefined members left out, null in arrays, -0 as 0', () => {
    expect(
      canonicalJson({
        at: new Date(Date.UTC(2026, 10, 24, 7, 35)),
        gone: undefined,
        list: [undefined, () => 1, Number.NaN, Infinity, -0],
      }),
    ).toBe('{"at":"2026-11-24T07:35:00.000Z","list":[null,null,null,null,0]}');
  });

  it('refuses what has no JSON form: a BigInt, a cycle, a bare undefined', () => {
    expect(() => canonicalJson({ totalPaise: 10n })).toThrow(/BigInt/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/contains itself/);
    expect(canonicalJson(Array.from({ length: 999 }).reduce<unknown>((inner) => [inner], 1))).toMatch(
      /^\[{999}1\]{999}$/,
    );
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    const shared = { paise: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"paise":1},{"paise":1}]');
  });

  it('reads back to itself, whatever the key order, so a normalising store (jsonb) keeps the bytes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { seed: 8785, numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
      { seed: 8785, numRuns: 200 },
    );
  });
});
