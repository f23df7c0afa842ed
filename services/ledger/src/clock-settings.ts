import { defaultClockPolicy, type ClockPolicy } from '@possier/events';
import { z } from 'zod';

/** The ledger's clock: the time online commands are judged by and replayed events placed against. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

const Seconds = z.coerce
  .number()
  .int()
  .positive()
  .max(366 * 24 * 3600);

/**
 * The clock policy (events/src/clock-policy.ts) from the environment, each bound in seconds (the
 * offline window in hours). The defaults suit a restaurant: NTP-synced servers and tablets, tills
 * that may be offline over a long weekend.
 */
const ClockSettings = z.object({
  /** How far an online command's `occurredAt` may be from the ledger's clock. */
  POSSIER_ONLINE_CLOCK_SKEW_SECONDS: Seconds.default(defaultClockPolicy.onlineSkewMs / 1000),
  /** A till off by more than this has its replayed sales placed by corrected time, flagged. */
  POSSIER_TILL_CLOCK_TOLERANCE_SECONDS: Seconds.default(defaultClockPolicy.tillToleranceMs / 1000),
  /** How old a replayed event may be before it is flagged as outside the offline window. */
  POSSIER_OFFLINE_WINDOW_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .max(366 * 24)
    .default(defaultClockPolicy.offlineWindowBackMs / 3_600_000),
  /** How far ahead of the ledger's clock a replayed event may be before it is placed at the ledger's time. */
  POSSIER_OFFLINE_AHEAD_SECONDS: Seconds.default(defaultClockPolicy.offlineWindowAheadMs / 1000),
});

export class ClockConfigError extends Error {
  override readonly name = 'ClockConfigError';
}

/** The policy from `env`, or an error naming each malformed variable (the service then does not start). */
export const clockPolicyFrom = (env: Record<string, string | undefined>): ClockPolicy => {
  const result = ClockSettings.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ClockConfigError(`invalid configuration: ${problems}`);
  }
  const settings = result.data;
  return {
    onlineSkewMs: settings.POSSIER_ONLINE_CLOCK_SKEW_SECONDS * 1000,
    tillToleranceMs: settings.POSSIER_TILL_CLOCK_TOLERANCE_SECONDS * 1000,
    offlineWindowBackMs: settings.POSSIER_OFFLINE_WINDOW_HOURS * 3_600_000,
    offlineWindowAheadMs: settings.POSSIER_OFFLINE_AHEAD_SECONDS * 1000,
  };
};
