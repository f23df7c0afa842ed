import { z } from 'zod';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A NUL, or half of a UTF-16 surrogate pair: valid in JSON text, refused by PostgreSQL's jsonb. */
const unstorable = (text: string): boolean => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** Deeper than any request of the contract nests (a replayed event's data is about six levels). */
export const MAX_BODY_DEPTH = 32;

/**
 * Throws a ZodError naming each place in `body` the ledger could not safely keep: a string or
 * key holding a NUL or an unpaired surrogate (JSON carries them, jsonb refuses them, so they
 * would pass validation and fail at append as a 500), or nesting deeper than MAX_BODY_DEPTH
 * (a replayed event's `data` is open-ended, and hashing and storing it recurse). Walks with its
 * own stack, so a body nested a million deep is refused, not a stack overflow.
 */
export const assertStorableBody = (body: unknown): void => {
  const issues: z.core.$ZodIssue[] = [];
  const pending: Array<{ value: unknown; path: PropertyKey[] }> = [{ value: body, path: [] }];
  while (pending.length > 0 && issues.length < 100) {
    const { value, path } = pending.pop() as { value: unknown; path: PropertyKey[] };
    if (typeof value === 'string') {
      if (unstorable(value))
        issues.push({
          code: 'custom',
          path,
          message: 'must not contain NUL or unpaired surrogate characters',
          input: value,
        });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_BODY_DEPTH) {
      issues.push({
        code: 'custom',
        path,
        message: `must not nest deeper than ${MAX_BODY_DEPTH} levels`,
        input: value,
      });
      continue;
    }
    const entries: Array<[PropertyKey, unknown]> = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value);
    for (const [key, item] of entries) {
      if (typeof key === 'string' && unstorable(key))
        issues.push({
          code: 'custom',
          path: [...path, key],
          message: 'a key must not contain NUL or unpaired surrogate characters',
          input: key,
        });
      pending.push({ value: item, path: [...path, key] });
    }
  }
  if (issues.length > 0) throw new z.ZodError(issues);
};
