/**
 * A request the ledger refused or could not answer, as the API put it: the HTTP status (0 when
 * the ledger did not answer at all), the error code, the offending field and the reason.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${code}${path ? ` at ${path}` : ''}: ${reason}`);
  }

  /** 401 or 403: the token, or its scope, does not allow this; the page shows why, not an error. */
  get refused(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError
    ? error
    : new ApiError(0, 'CLIENT', '', error instanceof Error ? error.message : String(error));
