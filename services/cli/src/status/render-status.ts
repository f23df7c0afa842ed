import type { ReadSideStatus } from '@possier/events';
import { renderTable } from '../format/table.js';

/** 850 → `850 ms`, 4_200 → `4.2 s`, 185_000 → `3 min 5 s`, 7_380_000 → `2 h 3 min`. */
export const formatDuration = (ms: number): string => {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  const seconds = Math.round(ms / 1_000);
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)} h ${Math.floor((seconds % 3_600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} d ${Math.floor((seconds % 86_400) / 3_600)} h`;
};

/** The status as a table: the head first, then a row per checkpoint. */
export const renderStatus = (status: ReadSideStatus): string => {
  const head = status.head
    ? `Log head ${status.head.position}, recorded ${status.head.recordedAt} (${formatDuration(status.head.ageMs)} ago)`
    : 'The log is empty';
  const table = renderTable({
    title: head,
    columns: [
      { key: 'kind', header: 'Kind', kind: 'text' },
      { key: 'name', header: 'Name', kind: 'text' },
      { key: 'position', header: 'Position', kind: 'text' },
      { key: 'behind', header: 'Behind', kind: 'text' },
      { key: 'lastAge', header: 'Last applied', kind: 'text' },
      { key: 'lag', header: 'Lag', kind: 'text' },
    ],
    fields: [],
    rows: status.checkpoints.map((checkpoint) => ({
      ...checkpoint,
      behind: checkpoint.caughtUp
        ? 'caught up'
        : `${checkpoint.behindCapped ? '≥ ' : ''}${checkpoint.behind} event${checkpoint.behind === 1 ? '' : 's'}`,
      lastAge: checkpoint.lastAgeMs === null ? '' : `${formatDuration(checkpoint.lastAgeMs)} ago`,
      lag: checkpoint.lagMs === null ? '' : formatDuration(checkpoint.lagMs),
    })),
  });
  return table;
};
