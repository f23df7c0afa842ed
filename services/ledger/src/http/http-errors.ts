import {
  DomainError,
  EventIdConflictError,
  InvalidAppendError,
  issuePaths,
  issueReason,
  MoneyOverflowError,
  WrongExpectedVersionError,
  type ErrorDetail,
} from '@possier/events';
import { ZodError } from 'zod';
import { AuthenticationError } from '../auth/tokens.js';
import { ConcurrencyConflictError } from '../commands/stream-executor.js';

export type HttpError = { status: number; body: { error: ErrorDetail; errors?: ErrorDetail[] } };

/** Refusals that are the request's own fault: its shape, or a figure the server computes otherwise. */
const isBadRequest = (code: string): boolean =>
  code.startsWith('VALIDATION.') ||
  code.startsWith('EVENT.') ||
  code.endsWith('.TOTAL_MISMATCH') ||
  code === 'REQUEST.PATH_MISMATCH';

/**
 * The one place errors become HTTP: 400 for a malformed request (every failing field), 401 for a
 * missing or bad token or a deactivated user or register, 403 for a scope or role the caller
 * lacks, 404 for what does not exist, 409 for concurrency and idempotency conflicts, 422 for a
 * business rule. Returns undefined for
 * anything else, which is a bug and a 500.
 */
export const toHttpError = (error: unknown): HttpError | undefined => {
  const detail = (code: string, path: string, reason: string): ErrorDetail => ({ code, path, reason });
  if (error instanceof ZodError) {
    const errors = error.issues.flatMap((issue) =>
      issuePaths(issue).map((path) => detail('VALIDATION.INVALID', path.join('.'), issueReason(issue))),
    );
    return { status: 400, body: { error: errors[0] as ErrorDetail, errors } };
  }
  if (error instanceof AuthenticationError)
    return { status: 401, body: { error: detail(error.code, '', error.message) } };
  if (error instanceof DomainError) {
    // A deactivated principal's token no longer speaks for anyone: unauthenticated, not forbidden.
    const status =
      error.code === 'AUTH.PRINCIPAL_DEACTIVATED'
        ? 401
        : error.code.startsWith('AUTH.')
          ? 403
          : error.code.startsWith('CONFLICT.')
            ? 409
            : isBadRequest(error.code)
              ? 400
              : error.code.endsWith('NOT_FOUND')
                ? 404
                : 422;
    return { status, body: { error: error.toJSON() } };
  }
  if (error instanceof ConcurrencyConflictError || error instanceof WrongExpectedVersionError) {
    return { status: 409, body: { error: detail('CONFLICT.CONCURRENT_UPDATE', '', error.message) } };
  }
  if (error instanceof EventIdConflictError) {
    return {
      status: 409,
      body: {
        error: detail(
          'CONFLICT.COMMAND_ID_REUSED',
          'commandId',
          'this command id was already used for a different command',
        ),
      },
    };
  }
  // Every figure of the request was a safe integer, but a product or sum of them is not: an
  // absurd order (9,999 of an item priced near 2^53 paise), refused as a whole.
  if (error instanceof MoneyOverflowError)
    return { status: 422, body: { error: detail('MONEY.OVERFLOW', 'data', error.message) } };
  if (error instanceof InvalidAppendError)
    return { status: 400, body: { error: detail('VALIDATION.INVALID', error.path, error.reason) } };
  return undefined;
};
