import type { RegisterSyncRow } from '../offline/register-sync.js';
import type { Status } from './read-status.js';

/**
 * What `GET /v1/ops/status` answers: the read side's checkpoints against the log's head and,
 * once registers report their outboxes, the events each still holds. `registers` is absent
 * until the ledger serves it; a page or script shows nothing for it then, never zeros.
 */
export type OpsStatus = Status & { registers?: RegisterSyncRow[] };
