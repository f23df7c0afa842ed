import { z } from 'zod';
import { UuidV7 } from './ids.js';
import { strictRequest } from './strict-request.js';
import { OffsetDateTime } from './time.js';

/**
 * Every command request carries a client-minted `commandId` (sending the same command twice
 * returns the first result and appends nothing) and `occurredAt`, the client's own time with its
 * UTC offset, which becomes the events' `occurredAt`. A member the command does not declare, at any
 * depth, is refused with its path rather than dropped (see strictRequest).
 *
 * A file of its own because contracts that the declarations import build their bodies with it
 * while the declarations are still loading.
 */
export const commandRequest = <Data extends z.ZodType>(data: Data) =>
  z.strictObject({ commandId: UuidV7, occurredAt: OffsetDateTime, data: strictRequest(data) });
