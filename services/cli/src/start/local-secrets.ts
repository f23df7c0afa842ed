import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The token signing key: POSSIER_JWT_SECRET when set, otherwise one generated on first start and
 * kept in the data folder (mode 0600), so tokens printed by one start still work after a restart.
 */
export const signingSecret = async (dataDir: string, fromEnvironment: string | undefined): Promise<string> => {
  if (fromEnvironment !== undefined) return fromEnvironment;
  const file = join(dataDir, 'jwt-secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  }
};
