import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/** The register's folder and files are its user's alone: they hold its bearer token and the customer cache. */
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;
const OTHERS = 0o077;

/**
 * The till's data folder or database is open to other users while it holds the register's token.
 * The register refuses to run rather than tighten modes itself: someone widened them, and an
 * operator should know before the token is used again.
 */
export class ExposedRegisterDataError extends Error {
  override readonly name = 'ExposedRegisterDataError';
  constructor(
    readonly path: string,
    readonly mode: number,
    readonly fix: string,
  ) {
    super(
      `${path} is open to other users (mode ${octal(mode)}) and the register's token is kept there; ` +
        `the register will not run until only its user can read it: ${fix}`,
    );
  }
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

/**
 * Makes the data folder 0700 if it is missing (parents included). A folder that exists is left
 * as it is and judged by `assertPrivate`.
 */
export const makePrivateDir = (dir: string): void => {
  if (mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR }) !== undefined) chmodSync(dir, PRIVATE_DIR);
};

/**
 * Creates `path` empty with 0600 unless it exists. SQLite would create the database 0644 (less
 * the umask); it gives the -wal and -shm files it makes later the database file's own mode, so
 * creating the database first is what keeps all three private.
 */
export const createPrivateFile = (path: string): void => {
  if (existsSync(path)) return;
  closeSync(openSync(path, 'wx', PRIVATE_FILE));
  chmodSync(path, PRIVATE_FILE);
};

/**
 * Throws ExposedRegisterDataError when the folder or any of the files that exist grant anything
 * to group or others. POSIX modes only: Windows reports no such bits, and is not checked.
 */
export const assertPrivate = (dir: string, files: ReadonlyArray<string>): void => {
  if (process.platform === 'win32') return;
  const present = files.filter((file) => existsSync(file));
  const fix = `chmod 700 ${dir} && chmod 600 ${present.join(' ')}`;
  for (const path of [dir, ...present]) {
    const { mode } = statSync(path);
    if ((mode & OTHERS) !== 0) throw new ExposedRegisterDataError(path, mode, fix);
  }
};
