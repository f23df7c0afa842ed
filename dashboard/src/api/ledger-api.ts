import {
  CatalogListing,
  commandRoutes,
  ErrorBody,
  mintUuidV7,
  OpsStatus,
  OrgView,
  ReportScopeView,
  reportRoutes,
  type CommandName,
  type ReportName,
  type ReportOf,
} from '@possier/events';
import { ApiError } from './api-error';

export type LedgerApi = {
  /** The stores, brands and registers the token may read reports of. */
  scope(): Promise<ReportScopeView>;
  /** A report as the contract shapes it; an answer the contract's schema refuses is an error, not a figure. */
  report<Name extends ReportName>(name: Name, query: Record<string, string>): Promise<ReportOf<Name>>;
  opsStatus(): Promise<OpsStatus>;
  /** The org's tree and people by name (`GET /v1/org`): owners only. */
  org(): Promise<OrgView>;
  /** Tax categories and the menu of the brands the token manages (`GET /v1/catalog`). */
  catalog(): Promise<CatalogListing>;
  /**
   * Sends one declared command with a fresh command id and this browser's time, and answers what
   * its route answers, checked against the contract.
   */
  command(name: CommandName, data: object): Promise<unknown>;
};

/** Now, as ISO 8601 with this browser's UTC offset (what a command's `occurredAt` is written in). */
export const offsetNow = (now: Date): string => {
  const offset = -now.getTimezoneOffset();
  const pad = (value: number) => String(Math.floor(Math.abs(value))).padStart(2, '0');
  const local = new Date(now.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${offset < 0 ? '-' : '+'}${pad(offset / 60)}:${pad(offset % 60)}`;
};

/** A fresh UUIDv7 from this browser's clock and CSPRNG, as clients mint the ids of what they create. */
export const newId = (now = new Date()): string =>
  mintUuidV7({ msecs: now.getTime(), random: crypto.getRandomValues(new Uint8Array(16)) });

/** A contract schema as the page uses it: it yields the answer typed, or says why the answer is not one. */
type Schema<T> = {
  safeParse(body: unknown): { success: true; data: T } | { success: false; error: { message: string } };
};

/**
 * The API as the page calls it: same origin (the ledger serves the page, or the dev
 * server proxies `/v1`), the bearer token on every request. Refusals arrive as ApiError with the
 * API's own code and reason.
 */
export const ledgerApi = (token: string, origin = ''): LedgerApi => {
  /** A GET, or with `sent` a POST of it as JSON; the answer's body, or the refusal as an ApiError. */
  const call = async (path: string, sent?: object): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${origin}${path}`, {
        headers: {
          authorization: `Bearer ${token}`,
          ...(sent === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(sent === undefined ? {} : { method: 'POST', body: JSON.stringify(sent) }),
      });
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
  const checked = async <T>(path: string, schema: Schema<T>, what: string, sent?: object): Promise<T> => {
    const parsed = schema.safeParse(await call(path, sent));
    if (!parsed.success)
      throw new ApiError(200, 'CONTRACT', '', `${what} does not match the contract: ${parsed.error.message}`);
    return parsed.data;
  };

  return {
    scope: () => checked('/v1/scope', ReportScopeView, 'the scope'),
    report: async (name, query) => {
      const route = reportRoutes[name];
      const path = `${route.path}?${new URLSearchParams(query)}`;
      return (await checked<unknown>(path, route.response, `the ${name} report`)) as ReportOf<typeof name>;
    },
    opsStatus: () => checked('/v1/ops/status', OpsStatus, 'the ops status'),
    org: () => checked('/v1/org', OrgView, 'the org'),
    catalog: () => checked('/v1/catalog', CatalogListing, 'the catalog'),
    command: (name, data) => {
      const route = commandRoutes[name];
      const path = route.path.replace(/\{(\w+)\}/g, (_match, key: string) =>
        encodeURIComponent(String((data as Record<string, unknown>)[key])),
      );
      const now = new Date();
      const body = { commandId: newId(now), occurredAt: offsetNow(now), data };
      return checked<unknown>(path, route.response, `the answer to ${route.command}`, body);
    },
  };
};
