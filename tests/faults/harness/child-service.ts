import { spawn, type ChildProcess } from 'node:child_process';
import { sleep } from './seeded-random.js';

/** Characters of a child's stderr kept to explain a failure. */
const STDERR_KEPT = 4_000;

export type ChildSpec = {
  name: string;
  /** The entry file, run with tsx under the `@possier/source` condition. */
  entry: string;
  /** tsx reads the tsconfig of where it runs (the ledger's enables its decorators). */
  cwd: string;
  env: Record<string, string>;
  args?: string[];
  /** Resolves once the process serves; the start is retried until then. */
  ready?: () => Promise<boolean>;
  /** Told each line the process writes to stdout. */
  onLine?: (line: string) => void;
};

/**
 * A service run as a real child process that can be killed with SIGKILL at any moment and started
 * again. Node itself is the child (tsx is loaded with --import), so the kill reaches the process
 * doing the work, not a wrapper that would leave it orphaned.
 */
export class ChildService {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  private errorOutput = '';
  starts = 0;

  constructor(readonly spec: ChildSpec) {}

  get running(): boolean {
    return this.child !== undefined;
  }

  async start(): Promise<void> {
    const { spec } = this;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@possier/source', spec.entry, ...(spec.args ?? [])],
      {
        cwd: spec.cwd,
        env: { ...process.env, ...spec.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    this.errorOutput = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (process.env.FAULTS_CHILD_LOGS === '1') process.stderr.write(chunk);
      this.errorOutput = (this.errorOutput + chunk.toString('utf8')).slice(-STDERR_KEPT);
    });
    this.starts += 1;
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) spec.onLine?.(line);
    });
    this.exited = new Promise((resolve) =>
      child.on('exit', (code) => {
        if (this.child === child) this.child = undefined;
        resolve(code);
      }),
    );
    if (!spec.ready) return;
    const deadline = Date.now() + 90_000;
    while (!(await spec.ready().catch(() => false))) {
      if (this.child !== child) throw new Error(`${spec.name} exited before it was ready: ${this.errorOutput}`);
      if (Date.now() > deadline) throw new Error(`${spec.name} was not ready within 90 s`);
      await sleep(100);
    }
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait: the service's own orderly shutdown. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const exited = await Promise.race([this.exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!exited) await this.kill();
  }

  /** The end of what the latest start wrote to stderr, to say why it failed. */
  lastErrorOutput(): string {
    return this.errorOutput;
  }

  /** Resolves with the exit code when the process ends of itself. */
  waitForExit(): Promise<number | null> {
    return this.exited;
  }
}
