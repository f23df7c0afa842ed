import type pg from 'pg';
import { tenantQuery } from './tenant-query.js';

/**
 * One append as `append_events` takes it: each event as the canonical JSON text of its envelope;
 * with the command it is the decision of, kept on its first event when the batch is appended.
 */
export type AppendSpec = {
  streamId: string;
  expected: number;
  orgId: string;
  events: ReadonlyArray<string>;
  command?: { commandId: string; fingerprint: string };
};

export type AppendOutcome = {
  status: 'appended' | 'duplicate' | 'wrong_expected_version' | 'event_id_conflict';
  streamVersion: number | null;
  globalPositions: number[] | null;
  /** With event_id_conflict: the first event of the batch that is stored differently, and how. */
  eventId: string | null;
  detail: string | null;
};

type Pending = { spec: AppendSpec; resolve: (outcome: AppendOutcome) => void; reject: (error: unknown) => void };

type OutcomeRow = {
  batch: number;
  status: AppendOutcome['status'];
  stream_version: string | null;
  global_positions: string[] | null;
  conflict_event_id: string | null;
  detail: string | null;
};

/** unique_violation: the one race the stream lock cannot exclude (see append_events). */
const UNIQUE_VIOLATION = '23505';

/**
 * Group commit: appends that arrive while earlier ones are being committed wait in a queue, and
 * the next free connection takes up to `maxGroup` of them into ONE call of `append_events` — one
 * round trip, one transaction, one fsync for the lot. Each append is still decided on its own
 * inside that call (its own status row, nothing written when it is refused), and each caller is
 * answered on its own. With one writer this degenerates to one commit per append; with many, the
 * commit rate stops being the limit.
 *
 * A group is one org's: the call runs as `possier_app` with that org as the transaction's tenant,
 * and append_events refuses that role any other org. The oldest waiting append's org goes next,
 * so orgs are served in arrival order. The caveat: many orgs appending at once share fewer fsyncs
 * than one org would.
 *
 * `maxGroup` stays well under 64 statements' worth of work so a group never holds its stream
 * locks for long; `maxInFlight` bounds the connections used for writing.
 */
export class GroupCommitter {
  private readonly queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: {
      maxGroup: number;
      maxInFlight: number;
      /** Called once a call that appended something has committed. */
      onAppended: () => void;
    },
  ) {}

  append(spec: AppendSpec): Promise<AppendOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ spec, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const group = this.takeGroup();
      this.inFlight += 1;
      void this.commit(group).finally(() => {
        this.inFlight -= 1;
        this.drain();
      });
    }
  }

  /** The oldest waiting append and up to `maxGroup - 1` more of its org, in arrival order. */
  private takeGroup(): Pending[] {
    const orgId = this.queue[0]?.spec.orgId;
    const group: Pending[] = [];
    for (let index = 0; index < this.queue.length && group.length < this.options.maxGroup;) {
      if (this.queue[index]?.spec.orgId === orgId) group.push(...this.queue.splice(index, 1));
      else index += 1;
    }
    return group;
  }

  private async commit(group: Pending[], retried = false): Promise<void> {
    try {
      const outcomes = await this.run(group.map((pending) => pending.spec));
      if (outcomes.some((outcome) => outcome.status === 'appended')) this.options.onAppended();
      group.forEach((pending, index) => pending.resolve(outcomes[index] as AppendOutcome));
    } catch (error) {
      if (!retried && (error as { code?: string }).code === UNIQUE_VIOLATION) {
        // An append raced another writer of its org on an event id (in another stream, so under
        // another lock) and aborted the call. Committed on its own, each append now sees the
        // other writer's row and is answered duplicate or conflict.
        await Promise.all(group.map((pending) => this.commit([pending], true)));
        return;
      }
      for (const pending of group) pending.reject(error);
    }
  }

  private async run(specs: AppendSpec[]): Promise<AppendOutcome[]> {
    const rows = await tenantQuery<OutcomeRow>(
      this.pool,
      specs[0]?.orgId ?? '',
      'SELECT * FROM append_events($1::jsonb)',
      [JSON.stringify(specs)],
    );
    const outcomes: AppendOutcome[] = new Array(specs.length);
    for (const row of rows) {
      outcomes[row.batch - 1] = {
        status: row.status,
        streamVersion: row.stream_version === null ? null : Number(row.stream_version),
        globalPositions: row.global_positions?.map(Number) ?? null,
        eventId: row.conflict_event_id,
        detail: row.detail,
      };
    }
    return outcomes;
  }
}
