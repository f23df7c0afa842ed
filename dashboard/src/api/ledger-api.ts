import { ErrorBody, OpsStatus, ReportScopeView, reportRoutes, type ReportName, type ReportOf } from '@possier/events';
import { ApiError } from './api-error';

export type LedgerApi = {
  /** The stores, brands and registers the token may read reports of. */
  scope(): Promise<ReportScopeView>;
  /** A report as the contract shapes it; an answer the contract's schema refuses is an error, not a figure. */
  report<Name extends ReportName>(name: Name, query: Record<string, string>): Promise<ReportOf<Name>>;
  opsStatus(): Promise<OpsStatus>;
};

/** A contract schema as the page uses it: it yields the answer typed, or says why the answer is not one. */
type Schema<T> = {
  safeParse(body: unknown): { success: true; data: T } | { success: false; error: { message: string } };
};

/**
 * The reports API as the page calls it: same origin (the ledger serves the page, or the dev
 * server proxies `/v1`), the bearer token on every request. Refusals arrive as ApiError with the
 * API's own code and reason.
 */
export const ledgerApi = (token: string, origin = ''): LedgerApi => {
  const get = async (path: string): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } });
    } catch (error) {
      throw new ApiError(0, 'NETWORK', '', `the ledger did not answer: ${(error as Error).message}`);
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return body;
    const refusal = ErrorBody.safeParse(body);
    if (refusal.success) {
      const { code, path: field, reason } = refusal.data.error;
      throw new ApiError(response.status, code, field, reason);
    }
    throw new ApiError(response.status, 'HTTP', '', `the ledger answered ${response.status} ${response.statusText}`);
  };
  const getChecked = async <T>(path: string, schema: Schema<T>, what: string): Promise<T> => {
    const parsed = schema.safeParse(await get(path));
    if (!parsed.success)
      throw new ApiError(200, 'CONTRACT', '', `${what} does not match the contract: ${parsed.error.message}`);
    return parsed.data;
  };

  return {
    scope: () => getChecked('/v1/scope', ReportScopeView, 'the scope'),
    report: async (name, query) => {
      const route = reportRoutes[name];
      const path = `${route.path}?${new URLSearchParams(query)}`;
      return (await getChecked<unknown>(path, route.response, `the ${name} report`)) as ReportOf<typeof name>;
    },
    opsStatus: () => getChecked('/v1/ops/status', OpsStatus, 'the ops status'),
  };
};
