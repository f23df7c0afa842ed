import { ErrorDetail } from '@possier/events/report-contracts';
import { z } from 'zod';
import { CliError, cliError } from './cli-error.js';

export type Connection = { url: string; token?: string | undefined };

const ApiErrorBody = z.object({ error: ErrorDetail, errors: z.array(ErrorDetail).optional() });

/**
 * Calls the ledger and hands back the response when it is a success. A refusal becomes a
 * CliError in the API's own terms (code, path, reason); an unreachable ledger or a body that is
 * not the API's becomes one that says so.
 */
export const callApi = async (
  connection: Connection,
  path: string,
  init: { method?: 'GET' | 'POST'; query?: Record<string, string>; body?: unknown } = {},
): Promise<Response> => {
  if (!connection.token) throw cliError('AUTH.NO_TOKEN', 'token', 'pass --token or set POSSIER_TOKEN');
  const url = new URL(path, connection.url);
  for (const [key, value] of Object.entries(init.query ?? {})) url.searchParams.set(key, value);
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${connection.token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw cliError(
      'NETWORK.UNREACHABLE',
      url.origin,
      `could not reach the ledger: ${(error as Error).message}${cause ? ` (${cause})` : ''}`,
    );
  }
  if (response.ok) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw cliError('RESPONSE.NOT_JSON', url.pathname, `HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
  const refused = ApiErrorBody.safeParse(body);
  if (!refused.success)
    throw cliError('RESPONSE.UNEXPECTED', url.pathname, `HTTP ${response.status}: ${text.slice(0, 200)}`);
  throw new CliError(refused.data.errors ?? [refused.data.error]);
};

/** A JSON answer checked against the contract's schema, so a CLI and a ledger of other versions say so. */
export const readJson = async <Schema extends z.ZodType>(
  response: Response,
  schema: Schema,
): Promise<z.output<Schema>> => {
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw cliError('RESPONSE.INVALID', issue?.path.join('.') ?? '', issue?.message ?? 'does not match the contract');
  }
  return parsed.data;
};
