import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port free on loopback at the moment of asking. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * A server a suite owns: started for the run on a port of its own, restarted as a fault, and
 * removed afterwards. Restarting the machine's shared servers would break every other suite using
 * them at that moment; a private one can be restarted as often as the seed says.
 */
export type PrivateServer = {
  url: string;
  restart(): Promise<void>;
  /**
   * Freezes the server (SIGSTOP) for `ms`, then lets it go on (SIGCONT): a machine that stalls,
   * its connections open but silent, past every client's heartbeat and timeout.
   */
  pause(ms: number): Promise<void>;
  stop(): Promise<void>;
};

/** Stops `pids` (SIGSTOP) for `ms`, then continues them in the reverse order. */
const freeze = async (pids: ReadonlyArray<number>, ms: number): Promise<void> => {
  const stopped: number[] = [];
  try {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGSTOP');
        stopped.push(pid);
      } catch {
        // gone since it was listed (a backend that ended): nothing to freeze
      }
    }
    await sleep(ms);
  } finally {
    for (const pid of stopped.reverse()) process.kill(pid, 'SIGCONT');
  }
};

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const waitFor = async (name: string, port: number) => {
  for (let waited = 0; !(await answers(port)); waited += 100) {
    if (waited > 60_000) throw new Error(`${name} did not answer on port ${port} within 60 s`);
    await sleep(100);
  }
};

const postgresBin = (program: string): string => {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const path = join(root, version, 'bin', program);
    if (existsSync(path)) return path;
  }
  return program; // on PATH (a source or Homebrew install)
};

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
const asServerUser = (program: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];

/**
 * A PostgreSQL cluster of the run's own (initdb in a temporary folder, trust auth on loopback,
 * fsync on as in production). `restart()` is a fast shutdown and start: every connection drops and
 * open transactions roll back.
 */
export const startPrivatePostgres = async (port: number): Promise<PrivateServer> => {
  const dir = mkdtempSync(join(tmpdir(), 'possier-private-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const pgCtl = (args: string[]) => run(...asServerUser(postgresBin('pg_ctl'), ['-D', data, ...args]));
  await run(
    ...asServerUser(postgresBin('initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']),
  );
  // The options and the log file go with every start: a restart that left out `-l` would have
  // the server write to this process's pipe, and never let it close.
  const serverArgs = ['-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`];
  const logArgs = ['-l', join(dir, 'server.log')];
  await pgCtl([...serverArgs, ...logArgs, '-w', 'start']);
  await waitFor('PostgreSQL', port);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async () => {
      await pgCtl([...serverArgs, ...logArgs, '-m', 'fast', '-w', 'restart']);
      await waitFor('PostgreSQL', port);
    },
    pause: async (ms: number) => {
      // The postmaster and every backend and helper it forked: the whole server stalls.
      const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const { stdout } = await run('pgrep', ['-P', String(postmaster)]);
      const children = stdout
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map(Number);
      await freeze([postmaster, ...children], ms);
    },
    stop: async () => {
      await pgCtl(['-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** A NATS server whose disk can lose a stream's messages. */
export type PrivateNats = PrivateServer & {
  /**
   * Stops the server, deletes the stream's message files and starts it again: what a node that
   * lost its disk's unsynced tail (JetStream fsyncs on an interval) comes back with. The stream's
   * definition and its consumers' state survive, so a consumer may have delivered past the new
   * end.
   */
  restartLosingMessages(stream: string): Promise<void>;
};

/**
 * A NATS server with JetStream of the run's own, its store in a temporary folder. `restart()`
 * stops it the way a service manager does (SIGTERM: clients are disconnected, the store is
 * flushed) and starts it again on the same store.
 */
export const startPrivateNats = async (port: number): Promise<PrivateNats> => {
  const dir = mkdtempSync(join(tmpdir(), 'possier-private-nats-'));
  const program = existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server';
  let server: ChildProcess | undefined;
  const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
  const start = async () => {
    const child = spawn(program, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
    server = child;
    await waitFor('NATS', port);
  };
  const stop = async () => {
    const child = server;
    server = undefined;
    if (!child || !running(child)) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (running(child)) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    restart: async () => {
      await stop();
      await start();
    },
    pause: async (ms: number) => {
      if (server?.pid !== undefined) await freeze([server.pid], ms);
    },
    restartLosingMessages: async (stream: string) => {
      await stop();
      // The global account's store: jetstream/$G/streams/<name>/msgs holds the message blocks.
      const messages = join(dir, 'jetstream', '$G', 'streams', stream, 'msgs');
      for (const file of existsSync(messages) ? readdirSync(messages) : [])
        rmSync(join(messages, file), { force: true });
      await start();
    },
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
