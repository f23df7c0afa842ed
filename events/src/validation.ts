import type { z } from 'zod';
import { domainError, type DomainError } from './errors.js';

/**
 * Parses untrusted input with a Zod schema and turns the first problem into a DomainError that
 * names the field (`lines.0.quantity`) and the reason, so bad input is refused with one clear
 * message and nothing downstream sees it.
 */
export const parseOrError = <Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  options: { code?: string; pathPrefix?: string } = {},
): z.infer<Schema> | DomainError => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  return zodErrorToDomainError(result.error, options);
};

export const zodErrorToDomainError = (
  error: z.ZodError,
  { code = 'VALIDATION.INVALID', pathPrefix = '' }: { code?: string; pathPrefix?: string } = {},
): DomainError => {
  const issue = error.issues[0];
  const segments = [...(pathPrefix ? [pathPrefix] : []), ...(issue?.path ?? []).map(String)];
  return domainError(code, segments.join('.'), issue?.message ?? 'is invalid');
};
