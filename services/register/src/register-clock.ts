import { mintUuidV7 } from '@possier/events';
import { randomBytes } from 'node:crypto';

/** Time and randomness come in from outside: the demo sells a past day on a clock of its own. */
export type RegisterClock = { now(): Date; random(): Uint8Array };

export const systemClock: RegisterClock = { now: () => new Date(), random: () => randomBytes(16) };

/** A UUIDv7 at the clock's time: ids a till mints sort in the order it minted them. */
export const mintId = (clock: RegisterClock): string =>
  mintUuidV7({ msecs: clock.now().getTime(), random: clock.random() });
