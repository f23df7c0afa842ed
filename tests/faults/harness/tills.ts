import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegister } from '@possier/register';
import { networkCut } from '@possier/register/testing';
import type { ChildService } from './child-service.js';
import { sleep } from './seeded-random.js';
import { registerService, type Menu } from './services.js';

/** Each till voids an earlier sale (ten back) after every this many, while the web refunds some. */
const VOID_EVERY = 7;

/** One business day of a till: the seeded sales it makes, all of which must reach the store once. */
export type TillDay = { register: string; seed: string; total: number };

type Till = {
  name: string;
  dataDir: string;
  link: Awaited<ReturnType<typeof networkCut>>;
  current: ChildService | undefined;
  killedOnPurpose: boolean;
  running: Promise<void>;
};

/**
 * Registers run as child processes (the register package's crash worker), each through a TCP
 * link to the ledger that faults can cut. A till sells a day of seeded sales into its SQLite
 * outbox and syncs as it goes, online or not; when a day is done it starts the next, until the
 * fleet is told to finish, and then it finishes the day in hand with an empty outbox. Killed on
 * purpose, it is started again on the same day and must carry on; exiting of itself before its
 * day is done is a failure.
 */
export const startTills = async (options: {
  ledgerPort: number;
  tokens: Array<{ register: string; token: string }>;
  menu: Menu;
  seed: string;
  salesPerDay: number;
}) => {
  const days: TillDay[] = [];
  const tills: Till[] = [];
  let finishing = false;

  const runTill = async (till: Till, token: string) => {
    for (let day = 0; day === 0 || !finishing; day += 1) {
      const seed = `${options.seed}:${till.name}:day-${day}`;
      days.push({ register: till.name, seed, total: options.salesPerDay });
      for (;;) {
        let done = false;
        const service = registerService(
          till.name,
          {
            dataDir: till.dataDir,
            ledgerUrl: till.link.url(),
            token,
            seed,
            total: options.salesPerDay,
            menu: options.menu,
            voidEvery: VOID_EVERY,
          },
          (line) => {
            if (line === 'done') done = true;
          },
        );
        till.current = service;
        await service.start();
        const code = await service.waitForExit();
        till.current = undefined;
        if (done && code === 0) break;
        if (till.killedOnPurpose) {
          till.killedOnPurpose = false;
          continue;
        }
        throw new Error(
          `register ${till.name} exited with code ${code} before its day ${seed} was done: ${service.lastErrorOutput()}`,
        );
      }
    }
  };

  for (const { register, token } of options.tokens) {
    const dataDir = mkdtempSync(join(tmpdir(), 'possier-faults-till-'));
    const link = await networkCut({ host: '127.0.0.1', port: options.ledgerPort });
    // Set up and given the menu before it sells: the catalog is read from the global log, which
    // a reader sees up to the oldest running transaction, so the first pull is repeated.
    const agent = openRegister({ dataDir, ledgerUrl: link.url(), token });
    for (let attempt = 0; agent.status().catalogItems < 3; attempt += 1) {
      if (attempt > 300) throw new Error(`register ${register} never received the menu`);
      await agent.sync().catch(() => undefined);
      if (agent.status().catalogItems < 3) await sleep(100);
    }
    agent.close();
    const till: Till = {
      name: register,
      dataDir,
      link,
      current: undefined,
      killedOnPurpose: false,
      running: Promise.resolve(),
    };
    till.running = runTill(till, token);
    // A failing till is reported by `finish`; until then the rejection must not go unhandled.
    till.running.catch(() => undefined);
    tills.push(till);
  }

  return {
    days,
    /** SIGKILLs a till that is running now; false if none is. */
    kill: async (pick: (count: number) => number): Promise<boolean> => {
      const running = tills.filter((till) => till.current?.running);
      const till = running[pick(running.length)];
      if (!till?.current) return false;
      till.killedOnPurpose = true;
      await till.current.kill();
      return true;
    },
    /** Severs a till's open connections (a reply in flight is lost) and refuses new ones for a while. */
    cutLink: async (pick: (count: number) => number, forMs: number): Promise<void> => {
      const till = tills[pick(tills.length)] as Till;
      await till.link.cut();
      await sleep(forMs);
      await till.link.restore();
    },
    /** Lets every till finish the day in hand, outbox emptied; rethrows a till's failure. */
    finish: async (): Promise<void> => {
      finishing = true;
      await Promise.all(tills.map((till) => till.running));
    },
    close: async (): Promise<void> => {
      finishing = true;
      for (const till of tills) {
        await till.current?.kill();
        await till.link.close();
        rmSync(till.dataDir, { recursive: true, force: true });
      }
    },
  };
};

export type Tills = Awaited<ReturnType<typeof startTills>>;
