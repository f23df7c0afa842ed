import type { Mutation } from './body-mutation.js';

/** Whether a string or key holds what jsonb cannot store: NUL, or half a surrogate pair. */
const unstorable = (text: string): boolean => {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit === 0) return true;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      index += 1;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
};

/** True when a parsed body nests deeper than `limit` or carries text jsonb would refuse. */
const unsafeValue = (value: unknown, limit: number): boolean => {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop() as [unknown, number];
    if (typeof item === 'string' && unstorable(item)) return true;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= limit) return true;
    for (const [key, child] of Object.entries(item)) {
      if (unstorable(key)) return true;
      pending.push([child, depth + 1]);
    }
  }
  return false;
};

/**
 * Whether the ledger must refuse this text outright, judged without the ledger: it is not JSON,
 * the contract's schema refuses it, or it holds what the store cannot keep. A mutation that
 * leaves a body acceptable (a name replaced by other Unicode) is not a hostile case.
 */
export const mustBeRefused = (
  text: string,
  schema: { safeParse(value: unknown): { success: boolean } },
  depthLimit: number,
): boolean => {
  let parsed: unknown;
  let prototypeKey = false;
  try {
    parsed = JSON.parse(text, (key, value: unknown) => {
      // The body parser refuses these keys rather than risk prototype pollution.
      if (key === '__proto__' || key === 'constructor') prototypeKey = true;
      return value;
    });
  } catch {
    return true;
  }
  if (prototypeKey) return true;
  return !schema.safeParse(parsed).success || unsafeValue(parsed, depthLimit);
};

type ErrorDetail = { code: string; path: string; reason: string };

/** Whether one of the refusal's errors names the mutated field, an enclosing one, or one inside it. */
export const namesTheField = (body: { error: ErrorDetail; errors?: ErrorDetail[] }, mutation: Mutation): boolean => {
  const errors = body.errors ?? [body.error];
  if (errors.some((error) => !error.code.startsWith('VALIDATION.INVALID'))) return true;
  return errors.some(
    (error) =>
      error.path === mutation.path ||
      mutation.path === '' ||
      mutation.path.startsWith(`${error.path}.`) ||
      error.path.startsWith(`${mutation.path}.`),
  );
};
