import { AuditHistory } from '@possier/events';
import { cliError } from '../cli-error.js';
import { renderTable } from '../format/table.js';
import { callApi, readJson, type Connection } from '../api-client.js';

export type HistoryOptions = {
  order?: string;
  store?: string;
  register?: string;
  date?: string;
  format: 'table' | 'json';
};

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

/** `possier audit history`: an order's, a store-day's or a register's day's events, as a table or JSON. */
export const showHistory = async (connection: Connection, options: HistoryOptions): Promise<string> => {
  const { path, query } = requestOf(options);
  const history = await readJson(await callApi(connection, path, { query }), AuditHistory);
  if (options.format === 'json') return `${JSON.stringify(history, null, 2)}\n`;
  const scope =
    history.scope.kind === 'order'
      ? `Order ${history.scope.orderId}`
      : `Store ${history.scope.storeId}, ${history.scope.businessDate}${history.scope.registerId ? `, register ${history.scope.registerId}` : ''}`;
  const seal = history.sealedBy
    ? `sealed by the close of ${history.sealedBy.businessDate} (${history.sealedBy.eventCount} events, key ${history.sealedBy.keyId})`
    : history.scope.kind === 'store_day'
      ? 'not sealed yet'
      : undefined;
  const table = renderTable({
    title: `${scope}: ${history.events.length} events, times in ${history.timeZone}${seal ? `; ${seal}` : ''}`,
    columns: [
      { key: 'recordedAtLocal', header: 'Recorded', kind: 'text' },
      { key: 'occurredAtLocal', header: 'Occurred', kind: 'text' },
      { key: 'type', header: 'Event', kind: 'text' },
      { key: 'stream', header: 'Stream', kind: 'text' },
      { key: 'actorId', header: 'Actor', kind: 'text' },
      { key: 'causationId', header: 'Causation', kind: 'text' },
      { key: 'correlationId', header: 'Correlation', kind: 'text' },
    ],
    fields: [],
    rows: history.events.map((entry) => ({
      ...entry,
      recordedAtLocal: entry.recordedAtLocal.slice(0, 19).replace('T', ' '),
      occurredAtLocal: entry.occurredAtLocal.slice(0, 19).replace('T', ' '),
      stream: `${entry.streamId}@${entry.streamPosition}`,
    })),
  });
  return `${table}\n`;
};
