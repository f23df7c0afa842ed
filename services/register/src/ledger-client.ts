import {
  CatalogPullResponse,
  commandRoutes,
  CustomerPullResponse,
  ErrorDetail,
  ReplayResponse,
  type ReplayRequest,
} from '@possier/events';
import { z } from 'zod';

/** The ledger could not be reached or did not answer in time: the register is offline, keep selling. */
export class LedgerUnreachableError extends Error {
  override readonly name = 'LedgerUnreachableError';
}

/** The ledger answered, and refused the whole request (a bad token, a malformed batch): retrying will not help. */
export class LedgerRefusedError extends Error {
  override readonly name = 'LedgerRefusedError';
  constructor(
    readonly status: number,
    readonly error: ErrorDetail | undefined,
  ) {
    super(`the ledger refused the request (${status})${error ? `: ${error.path} ${error.reason}` : ''}`);
  }
}

const ErrorBody = z.object({ error: ErrorDetail });

export type LedgerClient = {
  replay(batch: ReplayRequest): Promise<ReplayResponse>;
  pullCatalog(registerId: string, after: string | undefined): Promise<CatalogPullResponse>;
  pullCustomers(registerId: string): Promise<CustomerPullResponse>;
  /** Whether the ledger answers at all, within a couple of seconds. */
  probe(): Promise<boolean>;
};

/**
 * The register's side of the contract: the same Zod schemas the ledger serves, so an answer that
 * does not parse is refused here rather than half-applied to the outbox.
 */
export const createLedgerClient = (options: { url: string; token: string; timeoutMs?: number }): LedgerClient => {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const call = async <T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(new URL(path, options.url), {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new LedgerUnreachableError(`the ledger at ${options.url} is unreachable: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const text = await response.text().catch((error: unknown) => {
      throw new LedgerUnreachableError(`the ledger's answer was cut off: ${(error as Error).message}`);
    });
    if (response.status >= 500 || response.status === 429) {
      throw new LedgerUnreachableError(`the ledger answered ${response.status}; it will be tried again`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new LedgerUnreachableError(`the ledger answered ${response.status} with a body that is not JSON`);
    }
    if (response.status >= 400) {
      const error = ErrorBody.safeParse(parsed);
      throw new LedgerRefusedError(response.status, error.success ? error.data.error : undefined);
    }
    return schema.parse(parsed);
  };
  return {
    probe: async () => {
      try {
        const response = await fetch(new URL('/health/live', options.url), { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
        return response.ok;
      } catch {
        return false;
      }
    },
    replay: (batch) =>
      call('POST', commandRoutes.replay.path.replace('{registerId}', batch.registerId), ReplayResponse, batch),
    pullCatalog: (registerId, after) =>
      call(
        'GET',
        `/v1/registers/${registerId}/catalog${after === undefined ? '' : `?after=${encodeURIComponent(after)}`}`,
        CatalogPullResponse,
      ),
    pullCustomers: (registerId) => call('GET', `/v1/registers/${registerId}/customers`, CustomerPullResponse),
  };
};
