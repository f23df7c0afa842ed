import { describeTillClock, type CheckpointStatus } from '@possier/events';
import { useEffect, useState } from 'react';
import type { LedgerApi } from '../api/ledger-api';
import { useResource } from '../api/use-resource';
import { duration } from '../format/duration';
import { count, localTime } from '../format/figures';
import { FigureTable, type Column } from './FigureTable';
import { Panel } from './Panel';
import type { Names } from './report-panel';

/** Lag is worth watching live; every 15 s is cheap (a few indexed reads) and fresh enough. */
const POLL_MS = 15_000;

const behind = (checkpoint: CheckpointStatus): string =>
  checkpoint.caughtUp
    ? 'caught up'
    : `${checkpoint.behindCapped ? '≥ ' : ''}${count(checkpoint.behind)} event${checkpoint.behind === 1 ? '' : 's'}`;

const checkpointColumns: ReadonlyArray<Column<CheckpointStatus>> = [
  { field: 'kind', header: 'Kind', kind: 'text' },
  { field: 'name', header: 'Name', kind: 'text' },
  { field: 'behind', header: 'Behind the head', kind: 'text', value: behind },
  {
    field: 'lagMs',
    header: 'Lag',
    kind: 'text',
    value: (checkpoint) => (checkpoint.lagMs === null ? null : duration(checkpoint.lagMs)),
  },
  {
    field: 'lastAgeMs',
    header: 'Last applied',
    kind: 'text',
    value: (checkpoint) => (checkpoint.lastAgeMs === null ? null : `${duration(checkpoint.lastAgeMs)} ago`),
  },
];

/**
 * The read side's health for operators and owners: each projection and the relay against the
 * log's head, and — once registers report them — the events still queued in each register's
 * offline outbox. The API decides who may see it; others see its refusal.
 */
export const OperationsPanel = ({ api, names, refresh }: { api: LedgerApi; names: Names; refresh: number }) => {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((value) => value + 1), POLL_MS);
    return () => clearInterval(timer);
  }, []);
  const resource = useResource(() => api.opsStatus(), [api, refresh, tick], { keepWhileReloading: true });
  return (
    <Panel id="operations" title="Operations" resource={resource} wide>
      {(status) => (
        <>
          <p data-field="head">
            {status.head
              ? `Log head ${status.head.position}, recorded ${duration(status.head.ageMs)} ago.`
              : 'The log is empty.'}
          </p>
          <FigureTable
            name="checkpoints"
            caption="Projection lag and relay position against the log's head"
            columns={checkpointColumns}
            rows={status.checkpoints}
            rowKey={(checkpoint) => `${checkpoint.kind} ${checkpoint.name}`}
            rowClass={(checkpoint) => (checkpoint.caughtUp ? undefined : 'lagging')}
            empty="No projector or relay has recorded a checkpoint yet."
          />
          <section data-testid="registers" aria-label="Queued offline events per register">
            <h3>Queued offline events per register</h3>
            {status.registers === undefined ? (
              <p className="muted">This ledger does not report register outboxes yet.</p>
            ) : (
              <FigureTable
                name="registers"
                caption="Events each register still holds in its offline outbox, as it last reported"
                columns={[
                  { field: 'storeId', header: 'Store', kind: 'text', value: (row) => names.store(row.storeId) },
                  {
                    field: 'registerId',
                    header: 'Register',
                    kind: 'text',
                    value: (row) => names.register(row.registerId),
                  },
                  { field: 'queuedEvents', header: 'Queued events', kind: 'count' },
                  {
                    field: 'oldestQueuedAt',
                    header: 'Oldest queued',
                    kind: 'text',
                    value: (row) =>
                      row.oldestQueuedAt === null ? null : localTime(row.oldestQueuedAt, names.timeZone(row.storeId)),
                  },
                  {
                    field: 'clockSkewMs',
                    header: 'Till clock',
                    kind: 'text',
                    value: (row) => (row.clockSkewMs === null ? null : describeTillClock(row.clockSkewMs)),
                  },
                  {
                    field: 'lastReplayAt',
                    header: 'Last replay',
                    kind: 'text',
                    value: (row) => localTime(row.lastReplayAt, names.timeZone(row.storeId)),
                  },
                ]}
                rows={status.registers}
                rowKey={(row) => row.registerId}
                empty="No register has reported its outbox."
              />
            )}
          </section>
        </>
      )}
    </Panel>
  );
};
