import { OpsStatus } from '@possier/events';
import { callApi, readJson, type Connection } from '../api-client.js';

/**
 * `GET /v1/ops/status` of a running ledger (embedded or not), for an operator or an org owner,
 * checked against the contract.
 */
export const fetchStatus = async (connection: Connection): Promise<OpsStatus> =>
  readJson(await callApi(connection, '/v1/ops/status'), OpsStatus);
