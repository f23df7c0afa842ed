import { randomBytes } from 'node:crypto';
import { mintUuidV7 } from '@possier/events';

/** A command refused while seeding: the demo cannot be half built silently. */
export class DemoSeedError extends Error {
  override readonly name = 'DemoSeedError';
}

/** `occurredAt` as the contract wants it: local time in India with its offset. */
export const indiaTime = (at: Date): string => {
  const shifted = new Date(at.getTime() + 330 * 60_000);
  return `${shifted.toISOString().slice(0, 19)}+05:30`;
};

/** Sends commands to the ledger's API as a client would, each with a fresh command id. */
export const demoApi = (url: string) => ({
  async command(path: string, token: string, data: unknown): Promise<void> {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        commandId: mintUuidV7({ msecs: Date.now(), random: randomBytes(16) }),
        occurredAt: indiaTime(new Date()),
        data,
      }),
    });
    if (response.status !== 200) {
      throw new DemoSeedError(`seeding the demo: POST ${path} answered ${response.status}: ${await response.text()}`);
    }
  },
});
