import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { sleep } from './seeded-random.js';

const run = promisify(execFile);

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

/**
 * The machine's one PostgreSQL cluster restarted (fast shutdown: every connection drops, open
 * transactions roll back). Shared by everything on the machine, so only run where nothing else is
 * using it.
 */
export const restartPostgres = async (): Promise<void> => {
  const [version] = readdirSync('/etc/postgresql');
  if (!version) throw new Error('no PostgreSQL cluster under /etc/postgresql');
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', '--mode', 'fast', version, 'main', 'restart']);
  await waitFor('PostgreSQL', 5432);
};

/** The machine's NATS server stopped and started again with JetStream on its usual store. */
export const restartNats = async (): Promise<void> => {
  await run('start-stop-daemon', ['--stop', '--retry', '10', '--oknodo', '--exec', '/usr/sbin/nats-server']);
  await run('start-stop-daemon', [
    '--start',
    '--oknodo',
    '--background',
    '--exec',
    '/usr/sbin/nats-server',
    '--',
    '-a',
    '127.0.0.1',
    '-p',
    '4222',
    '-js',
    '-sd',
    '/var/lib/nats-server',
    '-l',
    '/var/log/nats-server.log',
  ]);
  await waitFor('NATS', 4222);
};
