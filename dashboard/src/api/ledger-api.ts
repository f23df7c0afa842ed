import { ErrorBody, reportRoutes, type ReportName, type ReportOf } from '@possier/events';
import type { ReportScopeView } from '@possier/ledger';
import type { OpsStatus } from '@possier/ledger/ops';
import { ApiError } from './api-error';

export type LedgerApi = {
  /** The stores, brands and registers the token may read reports of. */
  scope(): Promise<ReportScopeView>;
  /** A report as the contract shapes it; an answer the contract's schema refuses is an error, not a figure. */
  report<Name extends ReportName>(name: Name, query: Record<string, string>): Promise<ReportOf<Name>>;
  opsStatus(): Promise<OpsStatus>;
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

  return {
    scope: async () => (await get('/v1/scope')) as ReportScopeView,
    report: async (name, query) => {
      const route = reportRoutes[name];
      const body = await get(`${route.path}?${new URLSearchParams(query)}`);
      const parsed = route.response.safeParse(body);
      if (!parsed.success)
        throw new ApiError(
          200,
          'CONTRACT',
          '',
          `the ${name} report does not match the contract: ${parsed.error.message}`,
        );
      return parsed.data as ReportOf<typeof name>;
    },
    opsStatus: async () => (await get('/v1/ops/status')) as OpsStatus,
  };
};
