import { z } from 'zod';

/** One problem the API reports: a stable code, the path of the offending field, and why. */
export const ErrorDetail = z.object({
  code: z.string(),
  path: z.string(),
  reason: z.string(),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;

/** Every refusal's body, whatever its status. */
export const ErrorBody = z.object({ error: ErrorDetail });
export type ErrorBody = z.infer<typeof ErrorBody>;
