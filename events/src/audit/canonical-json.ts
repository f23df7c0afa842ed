/**
 * The canonical JSON text of a value: the one spelling both ends of the audit chain agree on, so
 * the bytes hashed at append can be rebuilt byte for byte from an export (docs/audit.md).
 *
 * It is RFC 8785 (JSON Canonicalization Scheme) over what `JSON.stringify` would write:
 *
 * - the value is first seen the way `JSON.stringify` sees it: `toJSON()` is called, object members
 *   whose value is `undefined`, a function or a symbol are left out, and in arrays those become
 *   `null`, as do non-finite numbers;
 * - object members are sorted by key, comparing UTF-16 code units (RFC 8785 §3.2.3, which is
 *   JavaScript's default string order), with no whitespace anywhere;
 * - strings and numbers are written as ECMAScript writes them (RFC 8785 §3.2.2): the shortest
 *   text that reads back as the same double (`1e+21`, `0.1`, `-0` as `0`), and strings escaped
 *   only where JSON requires it, in lower-case hex.
 *
 * Parsing the text and writing it again gives the same text, which is why a store may keep the
 * value in a normalising format (PostgreSQL's jsonb) and an export still reproduces the bytes.
 * A BigInt or a cycle has no JSON form and throws a TypeError, as in `JSON.stringify` (a cycle is
 * noticed as nesting deeper than 1,000 levels).
 */
export const canonicalJson = (value: unknown): string => {
  const text = write(value, 0);
  if (text === undefined) throw new TypeError(`a ${typeof value} has no JSON form`);
  return text;
};

/** Deeper than this is taken for a value that contains itself (cheaper than tracking every object on the append path). */
const MAX_DEPTH = 1_000;

const write = (input: unknown, depth: number): string | undefined => {
  const value = hasToJson(input) ? input.toJSON() : input;
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('a BigInt has no JSON form; write money as a number of paise');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  if (depth >= MAX_DEPTH)
    throw new TypeError(
      `a value nested deeper than ${MAX_DEPTH} levels (or that contains itself) has no canonical form here`,
    );
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) text += ',';
      text += write(value[index], depth + 1) ?? 'null';
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  let text = '{';
  for (const key of Object.keys(record).sort()) {
    const member = write(record[key], depth + 1);
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${member}`;
  }
  return `${text}}`;
};

const hasToJson = (value: unknown): value is { toJSON: () => unknown } =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
