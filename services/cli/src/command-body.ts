import { randomBytes } from 'node:crypto';
import { mintUuidV7 } from '@possier/events';

/** Now, as ISO 8601 with this machine's UTC offset (what a command's times are written in). */
export const offsetNow = (now = new Date()): string => {
  const offset = -now.getTimezoneOffset();
  const pad = (value: number) => String(Math.floor(Math.abs(value))).padStart(2, '0');
  const local = new Date(now.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${offset < 0 ? '-' : '+'}${pad(offset / 60)}:${pad(offset % 60)}`;
};

/** A command's envelope as the contract wants it: a fresh UUIDv7 and now, with this machine's offset. */
export const commandBody = <Data>(data: Data) => {
  const now = new Date();
  return {
    commandId: mintUuidV7({ msecs: now.getTime(), random: randomBytes(16) }),
    occurredAt: offsetNow(now),
    data,
  };
};

/** A fresh UUIDv7, as clients mint the ids of what they create. */
export const newId = (): string => mintUuidV7({ msecs: Date.now(), random: randomBytes(16) });
