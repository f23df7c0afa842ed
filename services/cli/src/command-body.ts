import { randomBytes } from 'node:crypto';
import { mintUuidV7 } from '@possier/events';

/** A command's envelope as the contract wants it: a fresh UUIDv7 and now, with this machine's offset. */
export const commandBody = <Data>(data: Data) => {
  const now = new Date();
  const offset = -now.getTimezoneOffset();
  const pad = (value: number) => String(Math.floor(Math.abs(value))).padStart(2, '0');
  const local = new Date(now.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return {
    commandId: mintUuidV7({ msecs: now.getTime(), random: randomBytes(16) }),
    occurredAt: `${local}${offset < 0 ? '-' : '+'}${pad(offset / 60)}:${pad(offset % 60)}`,
    data,
  };
};
