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

/**
 * Where an issue points. Zod puts an unknown member's issue on the object that holds it; the
 * member itself is the field to name (`data.extra`, not `data`), one per unknown key.
 */
export const issuePaths = (issue: z.core.$ZodIssue): string[][] => {
  const path = issue.path.map(String);
  return issue.code === 'unrecognized_keys' && issue.keys.length > 0 ? issue.keys.map((key) => [...path, key]) : [path];
};

/** The reason to give for a field of an issue: an unknown member's own, not the list of them all. */
export const issueReason = (issue: z.core.$ZodIssue): string =>
  issue.code === 'unrecognized_keys' ? 'is not a field of this request' : issue.message;

export const zodErrorToDomainError = (
  error: z.ZodError,
  { code = 'VALIDATION.INVALID', pathPrefix = '' }: { code?: string; pathPrefix?: string } = {},
): DomainError => {
  const issue = error.issues[0];
  const path = issue ? (issuePaths(issue)[0] ?? []) : [];
  const segments = [...(pathPrefix ? [pathPrefix] : []), ...path];
  return domainError(code, segments.join('.'), issue ? issueReason(issue) : 'is invalid');
};
