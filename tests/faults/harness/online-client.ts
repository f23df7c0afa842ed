import { indiaNow, uuidv7 } from '@possier/ledger/testing';
import { sleep } from './seeded-random.js';

/** A command the ledger acknowledged (200), with the events it says it stored. */
export type Acknowledged = { commandId: string; path: string; eventIds: string[] };

export class RejectedCommandError extends Error {
  override readonly name = 'RejectedCommandError';
  constructor(
    path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${path} was refused with ${status}: ${body}`);
  }
}

const ATTEMPT_TIMEOUT_MS = 20_000;

/**
 * Sends commands as a till or back office does over a flaky link: a command without an answer
 * (refused connection, cut response, 5xx, a lost race) is sent again with the same commandId
 * until the ledger answers, so each command is acknowledged once whatever failed in between.
 * `loseAnswer` throws the first answer away even when it was a success: the response lost after
 * the commit, which the retry must get back as the same events, appending nothing.
 */
export const onlineClient = (ledgerUrl: string) => {
  const acknowledged: Acknowledged[] = [];
  let lostAnswers = 0;
  let retries = 0;

  const send = async (path: string, token: string, data: unknown, loseAnswer = false): Promise<Acknowledged> => {
    const body = JSON.stringify({ commandId: uuidv7(), occurredAt: indiaNow(), data });
    const commandId = (JSON.parse(body) as { commandId: string }).commandId;
    let firstAnswerLost = false;
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 0) {
        retries += 1;
        await sleep(Math.min(100 * attempt, 1_000));
      }
      let status: number;
      let text: string;
      try {
        const response = await fetch(`${ledgerUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        status = response.status;
        text = await response.text();
      } catch {
        continue;
      }
      if (status >= 500 || status === 409 || status === 429) continue;
      if (status !== 200) throw new RejectedCommandError(path, status, text);
      if (loseAnswer && !firstAnswerLost) {
        firstAnswerLost = true;
        lostAnswers += 1;
        continue;
      }
      const answer = JSON.parse(text) as { events: Array<{ eventId: string }> };
      const acked = { commandId, path, eventIds: answer.events.map((event) => event.eventId) };
      acknowledged.push(acked);
      return acked;
    }
  };

  return {
    send,
    acknowledged,
    figures: () => ({ lostAnswers, retries }),
  };
};

export type OnlineClient = ReturnType<typeof onlineClient>;
