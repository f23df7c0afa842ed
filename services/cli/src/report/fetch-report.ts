import { reportRoutes, type ReportName, type ReportOf } from '@possier/events/report-contracts';
import { callApi, readJson } from '../api-client.js';
import { CliError } from '../cli-error.js';

export type ReportRequest<Name extends ReportName> = {
  name: Name;
  url: string;
  token: string;
  /** The query string as the user gave it; the server applies the defaults. */
  query: Record<string, string>;
};

/** The query's fields as the options that set them, so a local refusal names what to retype. */
const OPTION_OF: Record<string, string> = {
  storeId: '--store',
  from: '--from',
  to: '--to',
  by: '--by',
  limit: '--limit',
  sort: '--sort',
  asOf: '--as-of',
  customerId: '--customer',
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
  const response = await callApi({ url: request.url, token: request.token }, route.path, { query: request.query });
  return (await readJson(response, route.response)) as ReportOf<Name>;
};
