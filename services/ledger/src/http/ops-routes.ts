import { domainError, type DomainError, type OpsStatus } from '@possier/events';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { TokenClaims } from '../auth/tokens.js';
import type { LedgerContext } from '../commands/ledger-context.js';
import { readStatus } from '../ops/index.js';
import { claimsOf } from './authenticate-requests.js';
import { toHttpError } from './http-errors.js';

export const OPS_STATUS_PATH = '/v1/ops/status';

/**
 * Operators run the whole system and an org's owner answers for it, so both may watch the read
 * side. The checkpoints are shared by every org: they show how far behind projections are, never
 * whose events they are.
 */
const mayReadOps = async (ledger: LedgerContext, claims: TokenClaims): Promise<DomainError | undefined> => {
  if (claims.kind === 'operator') return undefined;
  const refused = domainError('AUTH.FORBIDDEN', '', 'the operations status is for operators and org owners');
  if (claims.kind !== 'user') return refused;
  const tenancy = await ledger.tenancy(claims.orgId);
  if (tenancy.status !== 'active') return domainError('AUTH.UNKNOWN_ORG', '', `org ${claims.orgId} does not exist`);
  const owner = tenancy.grants.some((grant) => grant.userId === claims.userId && grant.role === 'owner');
  return owner ? undefined : refused;
};

/**
 * `GET /v1/ops/status`: each projector and relay checkpoint against the log's head, as
 * `possier status` prints it, read from `pool` (the database the checkpoints live in).
 */
export const registerOpsRoutes = (app: FastifyInstance, deps: { ledger: LedgerContext; pool: pg.Pool }): void => {
  app.get(OPS_STATUS_PATH, async (request, reply) => {
    try {
      const claims = claimsOf(request);
      const refused = await mayReadOps(deps.ledger, claims);
      if (refused) throw refused;
      const status: OpsStatus = await readStatus(deps.pool);
      // What each register of the owner's org last said of its outbox; an operator's token names no org.
      if (claims.kind === 'user') {
        const tenancy = await deps.ledger.tenancy(claims.orgId);
        const storeIds = tenancy.status === 'active' ? Object.keys(tenancy.stores) : [];
        const rows = await deps.ledger.registerSync.list(claims.orgId, storeIds);
        status.registers = rows.map((row) => {
          const registerName = tenancy.status === 'active' ? tenancy.registers[row.registerId]?.name : undefined;
          const storeName = tenancy.status === 'active' ? tenancy.stores[row.storeId]?.name : undefined;
          return {
            ...row,
            ...(registerName === undefined ? {} : { registerName }),
            ...(storeName === undefined ? {} : { storeName }),
          };
        });
      }
      return reply.code(200).send(status);
    } catch (error) {
      const mapped = toHttpError(error);
      // A bug, not a refusal: the route's error handler logs it and answers 500 (request-errors.ts).
      if (!mapped) throw error;
      request.log.info({ status: mapped.status, error: mapped.body.error }, 'ops status refused');
      return reply.code(mapped.status).send(mapped.body);
    }
  });
};
