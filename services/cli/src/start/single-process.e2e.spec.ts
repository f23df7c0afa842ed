import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { possierStart, type Started } from './quick-start.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The processes whose parent is `pid`, from /proc (their command lines). */
const childrenOf = async (pid: number): Promise<string[]> => {
  const found: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid …": the command may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid)
      found.push((await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).replace(/\0/g, ' '));
  }
  return found;
};

const answers = (url: string) =>
  fetch(`${url}/health/live`, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );

describe('possier start, under a supervisor', () => {
  it('is the service itself: no process of its own beneath it, and a kill -9 of its PID stops the ledger', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'possier-single-process-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const started: Started = await possierStart({ POSSIER_DATA_DIR: join(folder, '.possier'), DATABASE_URL: '' });
    cleanups.push(() => started.stop());
    expect(await childrenOf(started.pid)).toEqual([]);
    expect(await answers(started.url)).toBe(true);

    process.kill(started.pid, 'SIGKILL');
    // Nothing else is stopped: a process left behind under another PID would still be answering.
    let answering = true;
    for (let attempt = 0; attempt < 20 && answering; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      answering = await answers(started.url);
    }
    expect(answering, 'the ledger still answers after its PID was killed').toBe(false);
  }, 300_000);
});
