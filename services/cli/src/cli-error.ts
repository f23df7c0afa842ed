import type { ErrorDetail } from '@possier/events/report-contracts';

const line = ({ code, path, reason }: ErrorDetail): string => `error ${code}${path ? ` at ${path}` : ''}: ${reason}`;

/**
 * A failure to report to the person at the terminal, in the API's own terms: for each problem a
 * stable `code`, the `path` of the offending option or field, and a `reason` (a 400 lists every
 * failing field). The command prints one line per problem to stderr and exits 1.
 */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(readonly details: ReadonlyArray<ErrorDetail>) {
    super(details.map(line).join('\n'));
  }
}

export const cliError = (code: string, path: string, reason: string): CliError =>
  new CliError([{ code, path, reason }]);
