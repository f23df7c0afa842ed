import { spawn, type ChildProcess } from 'node:child_process';
import { sleep } from './seeded-random.js';

/** Lines of a child's output (stdout and stderr together) kept to explain a failure. */
const LINES_KEPT = 30;
/** How long a supervised service that died of itself stays down before it is started again. */
const RESTART_AFTER_MS = 500;

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
  /**
   * A service that must never end of itself, whatever a fault does to its servers: if it does,
   * the exit is recorded as a crash (with its last output) and it is started again, as a service
   * manager would, so the run goes on and the crash is reported rather than hidden.
   */
  supervised?: boolean;
};

/** A supervised service that ended without being told to. */
export type Crash = { service: string; code: number | null; signal: string | null; lastLines: string[] };

/**
 * A service run as a real child process that can be killed with SIGKILL at any moment and started
 * again. Node itself is the child (tsx is loaded with --import), so the kill reaches the process
 * doing the work, not a wrapper that would leave it orphaned.
 */
export class ChildService {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  /** The last lines it wrote, stdout and stderr, oldest first, across its starts. */
  private lines: string[] = [];
  private errorOutput = '';
  /** Set while a kill or stop is under way, so its exit is not taken for a crash. */
  private ending = false;
  private closed = false;
  starts = 0;
  readonly crashes: Crash[] = [];

  constructor(readonly spec: ChildSpec) {}

  get running(): boolean {
    return this.child !== undefined;
  }

  private keep(line: string) {
    this.lines.push(line.length > 600 ? `${line.slice(0, 600)}…` : line);
    if (this.lines.length > LINES_KEPT) this.lines.splice(0, this.lines.length - LINES_KEPT);
  }

  async start(): Promise<void> {
    const { spec } = this;
    this.closed = false;
    this.ending = false;
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
    this.keep(`[${spec.name} started]`);
    let partialError = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (process.env.FAULTS_CHILD_LOGS === '1') process.stderr.write(chunk);
      const text = chunk.toString('utf8');
      this.errorOutput = (this.errorOutput + text).slice(-4_000);
      const lines = (partialError + text).split('\n');
      partialError = lines.pop() ?? '';
      for (const line of lines) this.keep(line);
    });
    this.starts += 1;
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        this.keep(line);
        if (spec.onLine) spec.onLine(line);
        else if (process.env.FAULTS_CHILD_LOGS === '1') process.stdout.write(`${spec.name}: ${line}\n`);
      }
    });
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        if (this.child === child) this.child = undefined;
        this.keep(`[${spec.name} exited: code ${code}, signal ${signal}]`);
        resolve(code);
        if (spec.supervised && !this.ending && !this.closed) this.restartAfterCrash(code, signal);
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

  private restartAfterCrash(code: number | null, signal: string | null) {
    this.crashes.push({ service: this.spec.name, code, signal, lastLines: [...this.lines] });
    setTimeout(() => {
      if (this.closed || this.ending || this.child) return;
      this.start().catch((error: unknown) => this.keep(`[${this.spec.name} failed to restart: ${String(error)}]`));
    }, RESTART_AFTER_MS);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.ending = true;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait: the service's own orderly shutdown. It stays down, supervised or not. */
  async stop(): Promise<void> {
    this.closed = true;
    const child = this.child;
    if (!child) return;
    this.ending = true;
    child.kill('SIGTERM');
    const exited = await Promise.race([this.exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!exited) await this.kill();
  }

  /** The end of what the latest start wrote to stderr, to say why it failed. */
  lastErrorOutput(): string {
    return this.errorOutput;
  }

  /** The last lines it wrote (stdout and stderr) and its starts and exits, to explain a stuck run. */
  lastLines(): string[] {
    return [...this.lines];
  }

  /** Resolves with the exit code when the process ends of itself. */
  waitForExit(): Promise<number | null> {
    return this.exited;
  }
}
