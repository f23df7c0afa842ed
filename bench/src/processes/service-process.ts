import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO = new URL('../../../', import.meta.url);

/** A service of this repository running as a process of its own, so its memory can be read apart from the bench's. */
export type ServiceProcess = {
  name: string;
  pid: number;
  running(): boolean;
  /** Peak resident set size so far in MB (VmHWM), or undefined where /proc is not there to read. */
  peakRssMb(): number | undefined;
  /** The end of its log, for a failure message. */
  logTail(): string;
  stop(): Promise<void>;
};

/** VmHWM of a running process: the most of its memory that was ever resident at once. */
export const peakRssOf = (pid: number): number | undefined => {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
};

/** Where service processes write V8 CPU profiles (`npm run bench -- --profile <dir>`); none when unset. */
export const profiling: { directory: string | undefined } = { directory: undefined };

/**
 * Builds what the bench starts (`npm run build` for these projects and their dependencies; Nx
 * skips what is up to date), its output on stderr.
 */
export const buildServices = (projects = 'ledger,relay,projector,register'): void => {
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', `--projects=${projects}`, '--outputStyle=static'], {
    cwd: fileURLToPath(REPO),
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (result.status !== 0) throw new Error('building the services failed: npx nx run-many -t build');
};

/**
 * Node running a workspace's built JavaScript (`npm run build`: `src/x.ts` runs as `dist/x.js`),
 * as deployed, from the workspace's folder. Running the sources under tsx would add its loader
 * and transpiled-source caches to every figure, most visibly to memory.
 */
export const nodeArgs = (workspace: string, entry: string): { args: string[]; cwd: string } => ({
  args: [entry.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js')],
  cwd: fileURLToPath(new URL(`${workspace}/`, REPO)),
});

/**
 * Starts `entry` of a workspace (`services/ledger`, `src/main.ts`) as a process of its own, from
 * its build, as deployed. Its output goes to `logFile`, not through the bench, so
 * the bench spends nothing on it.
 */
export const startService = (
  name: string,
  workspace: string,
  entry: string,
  env: Record<string, string>,
  logFile: string,
): ServiceProcess => {
  const log = openSync(logFile, 'a');
  const { args, cwd } = nodeArgs(workspace, entry);
  // A folder per service.
  if (profiling.directory) args.unshift('--cpu-prof', `--cpu-prof-dir=${profiling.directory}/${name}`);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  const pid = child.pid;
  let lastPeak: number | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const logTail = () => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '';
    }
  };
  return {
    name,
    pid,
    running,
    peakRssMb: () => {
      // Read while it runs; once it has exited, the last reading stands.
      if (running()) lastPeak = peakRssOf(pid) ?? lastPeak;
      return lastPeak;
    },
    logTail,
    stop: async () => {
      if (!running()) return;
      lastPeak = peakRssOf(pid) ?? lastPeak;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
};

/** Polls `check` until it returns true; a service that exits or takes longer than `timeoutMs` fails with its log. */
export const waitUntil = async (
  service: ServiceProcess,
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    if (!service.running()) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${service.name} did not become ${what}:\n${service.logTail()}`);
};
