/**
 * The shapes of `GET /v1/ops/status` live in the contract (`@possier/events`). They are
 * re-exported here only for importers that predate it (the dashboard); new code imports them
 * from the contract.
 */
export type { CheckpointStatus, OpsStatus } from '@possier/events';
