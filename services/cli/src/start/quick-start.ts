import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root, where README's quick start runs `npm start`. */
export const REPOSITORY = fileURLToPath(new URL('../../../../', import.meta.url));
const POSSIER = join(REPOSITORY, 'services/cli/bin/possier.js');

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export type Started = { url: string; pid: number; output: () => string; stop(): Promise<number | null> };

/**
 * `npm start` as README's quick start runs it, in its own process group so stopping it stops the
 * ledger under npm too. Resolves once `/health/ready` answers 200.
 */
export const npmStart = (env: Record<string, string>, timeoutMs = 240_000): Promise<Started> =>
  startService('npm', ['start'], env, timeoutMs);

/** `possier start` as a supervisor (systemd, a container's init) runs it: the command itself, no npm. */
export const possierStart = (env: Record<string, string>, timeoutMs = 240_000): Promise<Started> =>
  startService(process.execPath, [POSSIER, 'start'], env, timeoutMs);

const startService = async (
  command: string,
  args: ReadonlyArray<string>,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<Started> => {
  const port = await freePort();
  const child: ChildProcess = spawn(command, args, {
    cwd: REPOSITORY,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'close': every process holding the output pipes has gone, possier's own as well as npm.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  let done = false;
  let exitCode: number | null = null;
  void exited.then((code) => {
    done = true;
    exitCode = code;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!done && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    return exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (done) throw new Error(`${args.join(' ')} exited with code ${exitCode} before it was ready:\n${output}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return { url, pid: child.pid as number, output: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`${args.join(' ')} was not ready within ${timeoutMs} ms:\n${output}`);
};

/** Runs `possier …` and returns its exit code and output. */
export const possier = (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, [POSSIER, ...args], {
    cwd: REPOSITORY,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

export const demoToken = async (dataDir: string, role: string): Promise<string> => {
  const tokens = JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8')) as Array<{
    role: string;
    token: string;
  }>;
  const entry = tokens.find((token) => token.role === role);
  if (!entry) throw new Error(`no demo token for ${role}`);
  return entry.token;
};
