import { v7 as uuidv7, validate, version } from 'uuid';
import { z } from 'zod';

/**
 * Ids are UUIDv7: time-ordered, so an append-heavy index stays compact, and mintable by a
 * disconnected register with no coordination. The core never reads a clock or a random source:
 * the caller passes both, so a decision replays identically.
 */
export type IdSource = {
  /** Milliseconds since the epoch, from the caller's clock. */
  msecs: number;
  /** 16 random bytes from the caller's CSPRNG (`crypto.getRandomValues`). */
  random: Uint8Array;
};

export const mintUuidV7 = ({ msecs, random }: IdSource): string => {
  if (random.length < 16) throw new RangeError('a UUIDv7 needs 16 random bytes');
  // 48 bits of milliseconds; a NaN or negative time would mint an id that sorts wrongly forever.
  if (!Number.isSafeInteger(msecs) || msecs < 0 || msecs >= 2 ** 48)
    throw new RangeError(`not a UUIDv7 timestamp: ${msecs}`);
  return uuidv7({ msecs, random });
};

export const isUuidV7 = (value: string): boolean => validate(value) && version(value) === 7;

export const UuidV7 = z.string().refine(isUuidV7, { message: 'must be a UUIDv7' });

/** Any RFC 9562 UUID: business ids minted by other systems may be of another version. */
export const Uuid = z.uuid({ message: 'must be a UUID' });
