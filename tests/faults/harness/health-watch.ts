import { sleep } from './seeded-random.js';

type ComponentStatus = { state: string; interruptions: number };
type Ready = { components?: Record<string, ComponentStatus> };

export type HealthSeen = {
  /** Per component, the interruptions it reported, summed over the process's restarts. */
  interruptions: Record<string, number>;
  /** Per component, its state in the last answer, taken after the signal aborted. */
  finalStates: Record<string, string>;
  /** `possier_service_up` per service in the last `/metrics`. */
  metricsUp: Record<string, number>;
};

const readyOf = async (url: string): Promise<Ready | undefined> => {
  try {
    const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
    return (await response.json()) as Ready;
  } catch {
    return undefined; // killed, restarting, or frozen with its server: the next sample will tell
  }
};

const upOf = async (url: string): Promise<Record<string, number>> => {
  const body = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
  return Object.fromEntries(
    [...body.matchAll(/^possier_service_up\{service="([^"]+)"\} (\d+)$/gm)].map((match) => [
      match[1] as string,
      Number(match[2]),
    ]),
  );
};

/**
 * Samples a combined process's `/health/ready` every half second until `signal` aborts, then once
 * more with `/metrics`: what the process told an operator about its relay, projector and NATS
 * connection while the faults landed, and that every one of them says `running` at the end.
 */
export const watchHealth = async (url: string, signal: AbortSignal): Promise<HealthSeen> => {
  /** Counted by the process's earlier lives, and by its current one as last seen. */
  const banked: Record<string, number> = {};
  const current: Record<string, number> = {};
  const note = (ready: Ready | undefined) => {
    for (const [name, status] of Object.entries(ready?.components ?? {})) {
      // Fewer than last time: the process was started again, counting from zero.
      if (status.interruptions < (current[name] ?? 0)) banked[name] = (banked[name] ?? 0) + (current[name] ?? 0);
      current[name] = status.interruptions;
    }
  };
  while (!signal.aborted) {
    note(await readyOf(url));
    await sleep(500);
  }
  const last = await readyOf(url);
  note(last);
  return {
    interruptions: Object.fromEntries(
      Object.keys(current).map((name) => [name, (banked[name] ?? 0) + (current[name] ?? 0)]),
    ),
    finalStates: Object.fromEntries(Object.entries(last?.components ?? {}).map(([name, { state }]) => [name, state])),
    metricsUp: await upOf(url),
  };
};
