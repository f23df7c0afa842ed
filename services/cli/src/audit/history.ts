import { AuditHistory, ImportMarker, type AuditHistoryEntry, type SealSummary } from '@possier/events';
import { Presets, SingleBar } from 'cli-progress';
import { cliError } from '../cli-error.js';
import { renderTable } from '../format/table.js';
import { callApi, readJson, type Connection } from '../api-client.js';

export type HistoryOptions = {
  order?: string;
  store?: string;
  register?: string;
  date?: string;
  format: 'table' | 'json' | 'jsonl';
};

/** Events asked for per page of a store-day; a day of any size is read page by page. */
const PAGE_SIZE = 2_000;

/** Which history the options ask for, as the API path and query; exactly one of order, store or register. */
const requestOf = (options: HistoryOptions): { path: string; query: Record<string, string> } => {
  const given = [options.order, options.store, options.register].filter((value) => value !== undefined);
  if (given.length === 0 || (options.order !== undefined && given.length > 1)) {
    throw cliError('VALIDATION.INVALID', '--order', 'give --order, or --store or --register with --date');
  }
  if (options.order !== undefined)
    return { path: `/v1/audit/orders/${encodeURIComponent(options.order)}/history`, query: {} };
  if (options.date === undefined)
    throw cliError('VALIDATION.INVALID', '--date', 'a store-day or register history needs --date');
  if (options.store !== undefined) {
    return {
      path: `/v1/audit/stores/${encodeURIComponent(options.store)}/days/${encodeURIComponent(options.date)}/history`,
      query: options.register === undefined ? {} : { registerId: options.register },
    };
  }
  return {
    path: `/v1/audit/registers/${encodeURIComponent(options.register as string)}/history`,
    query: { date: options.date },
  };
};

/**
 * Reads a history page by page (an order's comes whole), handing each page's events to `onEvents`
 * as it arrives, with a progress bar on stderr counted against the day's total. Answers the first
 * page's history (scope, seals), its events left out.
 */
const readPages = async (
  connection: Connection,
  options: HistoryOptions,
  onEvents: (events: AuditHistoryEntry[]) => void,
  onFirst: (history: AuditHistory) => void = () => {},
): Promise<AuditHistory> => {
  const { path, query } = requestOf(options);
  const first = await readJson(
    await callApi(connection, path, { query: options.order ? query : { ...query, limit: String(PAGE_SIZE) } }),
    AuditHistory,
  );
  onFirst(first);
  onEvents(first.events);
  let page = first.page;
  if (page === null || page.next === null) return { ...first, events: [] };
  const bar = new SingleBar(
    { format: 'history {bar} {percentage}% | {value}/{total} events', stream: process.stderr },
    Presets.shades_classic,
  );
  bar.start(page.total, first.events.length);
  let read = first.events.length;
  try {
    while (page?.next) {
      const next: AuditHistory = await readJson(
        await callApi(connection, path, {
          query: {
            ...query,
            limit: String(PAGE_SIZE),
            after: page.next,
            ...(page.through ? { through: page.through } : {}),
          },
        }),
        AuditHistory,
      );
      onEvents(next.events);
      read += next.events.length;
      bar.update(read);
      page = next.page;
    }
  } finally {
    bar.stop();
  }
  return { ...first, events: [] };
};

const describeSeal = (seal: SealSummary): string =>
  seal.amendment === 0
    ? `sealed by the close of ${seal.businessDate} (${seal.eventCount} events, key ${seal.keyId})`
    : `amendment ${seal.amendment} added ${seal.eventCount} late event${seal.eventCount === 1 ? '' : 's'} (key ${seal.keyId})`;

/** The import an event came with (possier import sales), as its data records it. */
const importOf = (entry: AuditHistoryEntry): ImportMarker | undefined => {
  const marker = ImportMarker.safeParse((entry.data as { imported?: unknown } | null)?.imported);
  return marker.success ? marker.data : undefined;
};

/**
 * `possier audit history`: an order's, a store-day's or a register's day's events, as a table,
 * JSON, or JSON Lines (a first line with the scope and seals, then one event per line, written as
 * the pages arrive: for a day of any size).
 */
export const showHistory = async (
  connection: Connection,
  options: HistoryOptions,
  write: (text: string) => void,
): Promise<void> => {
  if (options.format === 'jsonl') {
    await readPages(
      connection,
      options,
      (events) => {
        for (const event of events) write(`${JSON.stringify(event)}\n`);
      },
      ({ events: _events, ...scope }) => write(`${JSON.stringify(scope)}\n`),
    );
    return;
  }
  const events: AuditHistoryEntry[] = [];
  const history = { ...(await readPages(connection, options, (page) => events.push(...page))), events };
  if (options.format === 'json') {
    write(`${JSON.stringify(history, null, 2)}\n`);
    return;
  }
  const scope =
    history.scope.kind === 'order'
      ? `Order ${history.scope.orderId}`
      : `Store ${history.scope.storeId}, ${history.scope.businessDate}${history.scope.registerId ? `, register ${history.scope.registerId}` : ''}`;
  const seals = history.seals.map(describeSeal);
  if (history.scope.kind === 'store_day') {
    if (seals.length === 0) seals.push('not sealed yet');
    else if (history.unsealedEvents > 0)
      seals.push(`${history.unsealedEvents} late events not sealed yet: possier audit amend`);
  }
  const table = renderTable({
    title: `${scope}: ${history.events.length} events, times in ${history.timeZone}${seals.length ? `; ${seals.join('; ')}` : ''}`,
    columns: [
      { key: 'recordedAtLocal', header: 'Recorded', kind: 'text' },
      { key: 'occurredAtLocal', header: 'Occurred', kind: 'text' },
      { key: 'type', header: 'Event', kind: 'text' },
      { key: 'stream', header: 'Stream', kind: 'text' },
      { key: 'actorId', header: 'Actor', kind: 'text' },
      { key: 'causationId', header: 'Causation', kind: 'text' },
      { key: 'correlationId', header: 'Correlation', kind: 'text' },
      ...(history.scope.kind === 'store_day' ? [{ key: 'seal', header: 'Sealed by', kind: 'text' as const }] : []),
      ...(history.events.some((entry) => importOf(entry) !== undefined)
        ? [{ key: 'imported', header: 'Imported from', kind: 'text' as const }]
        : []),
    ],
    fields: [],
    rows: history.events.map((entry) => ({
      ...entry,
      recordedAtLocal: entry.recordedAtLocal.slice(0, 19).replace('T', ' '),
      occurredAtLocal: entry.occurredAtLocal.slice(0, 19).replace('T', ' '),
      stream: `${entry.streamId}@${entry.streamPosition}`,
      imported: ((marker) => (marker ? `line ${marker.sourceLine} of import ${marker.importId}` : ''))(importOf(entry)),
      seal:
        entry.sealedBy === undefined || entry.sealedBy === null
          ? 'not yet'
          : entry.sealedBy === 0
            ? 'close'
            : `amendment ${entry.sealedBy}`,
    })),
  });
  write(`${table}\n`);
};
