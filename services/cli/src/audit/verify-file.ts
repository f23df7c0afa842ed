import { createExportVerifier, type Verdict } from '@possier/events';
import { nodeAuditCrypto } from '@possier/store';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { cliError } from '../cli-error.js';

/** `possier audit verify`: reads an export line by line, offline, and verifies it (see createExportVerifier). */
export const verifyFile = async (file: string, trustedKeys: ReadonlyArray<string>): Promise<Verdict> => {
  const verifier = createExportVerifier({ crypto: nodeAuditCrypto, trustedKeys });
  const input = createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw cliError('FILE.UNREADABLE', file, (error as Error).message);
  }
  for await (const line of createInterface({ input, crlfDelay: Infinity })) verifier.line(line);
  return verifier.finish();
};
