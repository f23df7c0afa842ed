/**
 * A rule of the domain said no. Deciders return it as a value (never throw it), so callers can
 * tell a refused command from a bug: the register shows `reason` to the cashier, the HTTP layer maps
 * `code` to a status, and `path` points at the offending field of the command (`lines.2.quantity`).
 *
 * Codes are stable identifiers (`ORDER.ALREADY_VOIDED`); clients may branch on them, so a code is
 * never renamed once released. `reason` is for humans and may change.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: string;
  readonly path: string;
  readonly reason: string;

  constructor(code: string, path: string, reason: string) {
    super(`${code} at ${path || '(command)'}: ${reason}`);
    this.code = code;
    this.path = path;
    this.reason = reason;
  }

  toJSON(): { code: string; path: string; reason: string } {
    return { code: this.code, path: this.path, reason: this.reason };
  }
}

export const domainError = (code: string, path: string, reason: string): DomainError =>
  new DomainError(code, path, reason);

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;

/** Joins path segments the way Zod reports issue paths: `lines.2.modifiers.0`. */
export const fieldPath = (...segments: ReadonlyArray<string | number>): string => segments.join('.');
