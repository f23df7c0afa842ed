import fc from 'fast-check';

/**
 * Hostile JSON, as text fragments rather than values: a value nested 100,000 deep cannot go
 * through JSON.stringify (it recurses), and a fragment such as `1e400` has no JavaScript value
 * that stringifies back to it.
 */
const wrongTypes = fc.constantFrom('null', 'true', 'false', '"text"', '{}', '[]', '0', '""');

/** Negative, fractional, past Number.MAX_SAFE_INTEGER, or past a double altogether. */
const hostileNumbers = fc.oneof(
  fc.integer({ min: -2_147_483_648, max: -1 }).map(String),
  fc
    .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
    .filter((value) => !Number.isInteger(value))
    .map(String),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map(String),
  fc.bigInt({ min: -(2n ** 70n), max: -(2n ** 53n) }).map(String),
  fc.constantFrom('9007199254740993', '1e21', '1e308', '-1e308', '1e400', '-0', '0.1', '1.005', '-0.01', '4.9e-324'),
);

/** Any Unicode, control characters, NUL and unpaired surrogates, right-to-left overrides, and long runs. */
const hostileStrings = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({
      unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e', '🍕', 'ऽ', '\u200b', "'", '"', '\\'),
      maxLength: 20,
    }),
    fc.constantFrom("' OR 1=1 --", '__proto__', 'constructor', '../../etc/passwd', '${7*7}', '<script>'),
    fc.integer({ min: 1_000, max: 300_000 }).map((length) => 'x'.repeat(length)),
  )
  .map((text) => JSON.stringify(text));

/** Arrays from a thousand to a quarter of a million entries: under the body limit, over any sane batch. */
const hugeArrays = fc
  .tuple(fc.integer({ min: 1_000, max: 250_000 }), fc.constantFrom('0', '{}', '"x"', 'null', '[]'))
  .map(([length, item]) => `[${new Array<string>(length).fill(item).join(',')}]`);

/** Nesting from just past what the ledger accepts to far past what a recursive walker survives. */
const deeplyNested = fc
  .tuple(fc.integer({ min: 33, max: 200_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

const prototypePollution = fc.constantFrom(
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
);

export const hostileJson = fc.oneof(
  { arbitrary: wrongTypes, weight: 3 },
  { arbitrary: hostileNumbers, weight: 4 },
  { arbitrary: hostileStrings, weight: 3 },
  { arbitrary: hugeArrays, weight: 1 },
  { arbitrary: deeplyNested, weight: 1 },
  { arbitrary: prototypePollution, weight: 1 },
);
