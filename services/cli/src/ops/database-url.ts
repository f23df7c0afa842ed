import { cliError } from '../cli-error.js';

/**
 * The PostgreSQL a maintenance command works on. Embedded data has one owner, the running
 * `possier start`, which migrates on start; so these commands need a server's URL.
 */
export const requireDatabaseUrl = (command: string): string => {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw cliError(
      'CONFIG.MISSING',
      'DATABASE_URL',
      `possier ${command} works on a PostgreSQL server: set DATABASE_URL (embedded data is migrated by possier start itself)`,
    );
  }
  return url;
};
