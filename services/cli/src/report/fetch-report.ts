import { ErrorDetail, reportRoutes, type ReportName, type ReportOf } from '@possier/events';
import { z } from 'zod';
import { CliError, cliError } from '../cli-error.js';

export type ReportRequest<Name extends ReportName> = {
  name: Name;
  url: string;
  token: string;
  /** The query string as the user gave it; the server applies the defaults. */
  query: Record<string, string>;
};

const ApiErrorBody = z.object({ error: ErrorDetail, errors: z.array(ErrorDetail).optional() });

/** The query's fields as the options that set them, so a local refusal names what to retype. */
const OPTION_OF: Record<string, string> = {
  storeId: '--store',
  from: '--from',
  to: '--to',
  by: '--by',
  limit: '--limit',
  sort: '--sort',
  asOf: '--as-of',
};
const optionOf = (field: PropertyKey): string => OPTION_OF[String(field)] ?? String(field);

/**
 * Checks the query with the contract's own schema first — the same one the server applies — so a
 * typo is named before any request, then asks the reports API. An API refusal becomes a CliError
 * with the server's code, path and reason; a body the contract does not describe is one too
 * (the CLI and the server disagree on the contract's version).
 */
export const fetchReport = async <Name extends ReportName>(request: ReportRequest<Name>): Promise<ReportOf<Name>> => {
  const route = reportRoutes[request.name];
  const checked = route.query.safeParse(request.query);
  if (!checked.success) {
    throw new CliError(
      checked.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => ({
              code: 'VALIDATION.INVALID',
              path: optionOf(key),
              reason: 'is not an option of this report',
            }))
          : [{ code: 'VALIDATION.INVALID', path: issue.path.map(optionOf).join('.'), reason: issue.message }],
      ),
    );
  }
  const url = new URL(route.path, request.url);
  for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, value);
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${request.token}`, accept: 'application/json' } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw cliError(
      'NETWORK.UNREACHABLE',
      url.origin,
      `could not reach the ledger: ${(error as Error).message}${cause ? ` (${cause})` : ''}`,
    );
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw cliError('RESPONSE.NOT_JSON', url.pathname, `HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
  if (!response.ok) {
    const refused = ApiErrorBody.safeParse(body);
    if (!refused.success)
      throw cliError('RESPONSE.UNEXPECTED', url.pathname, `HTTP ${response.status}: ${text.slice(0, 200)}`);
    throw new CliError(refused.data.errors ?? [refused.data.error]);
  }
  const report = route.response.safeParse(body);
  if (!report.success) {
    const issue = report.error.issues[0];
    throw cliError('RESPONSE.INVALID', issue?.path.join('.') ?? '', issue?.message ?? 'does not match the contract');
  }
  return report.data as ReportOf<Name>;
};
