import type { OpsStatus } from '@possier/ledger/ops';
import { callApi, type Connection } from '../api-client.js';

/** `GET /v1/ops/status` of a running ledger (embedded or not), for an operator or an org owner. */
export const fetchStatus = async (connection: Connection): Promise<OpsStatus> => {
  const response = await callApi(connection, '/v1/ops/status');
  return (await response.json()) as OpsStatus;
};
