import type { StockConflictRow, StockPeriodRow, StockRow } from '@possier/events';
import { useResource } from '../api/use-resource';
import { localTime } from '../format/figures';
import { FigureTable, type Column } from './FigureTable';
import { Panel } from './Panel';
import type { Names, ReportPanelProps } from './report-panel';

/** "Pizza dough (g)": the name the org gave the item; its id only while it has none. */
const stockItem = (row: { stockItemId: string; stockItemName: string | null; unit: string | null }) =>
  row.stockItemName === null ? row.stockItemId : `${row.stockItemName}${row.unit === null ? '' : ` (${row.unit})`}`;

const columns = (names: Names): ReadonlyArray<Column<StockRow>> => [
  { field: 'storeId', header: 'Store', kind: 'text', value: (row) => names.store(row.storeId) },
  { field: 'stockItemId', header: 'Stock item', kind: 'text', value: stockItem },
  { field: 'onHand', header: 'On hand', kind: 'count' },
  { field: 'lastCountedQuantity', header: 'Last count', kind: 'count' },
  {
    field: 'lastCountedAt',
    header: 'Counted at',
    kind: 'text',
    value: (row) => (row.lastCountedAt === null ? null : localTime(row.lastCountedAt, names.timeZone(row.storeId))),
  },
  { field: 'negative', header: '', kind: 'text', value: (row) => (row.negative ? 'negative' : null) },
];

const periodColumns = (names: Names): ReadonlyArray<Column<StockPeriodRow>> => [
  { field: 'storeId', header: 'Store', kind: 'text', value: (row) => names.store(row.storeId) },
  { field: 'stockItemId', header: 'Stock item', kind: 'text', value: stockItem },
  { field: 'openingOnHand', header: 'Opening', kind: 'count' },
  { field: 'received', header: 'Received', kind: 'count' },
  { field: 'transferredIn', header: 'In', kind: 'count' },
  { field: 'transferredOut', header: 'Out', kind: 'count' },
  { field: 'sold', header: 'Sold', kind: 'count' },
  { field: 'wasted', header: 'Wasted', kind: 'count' },
  { field: 'countVariance', header: 'Count variance', kind: 'count' },
  { field: 'closingOnHand', header: 'Closing', kind: 'count' },
];

const conflictColumns = (names: Names): ReadonlyArray<Column<StockConflictRow>> => [
  { field: 'storeId', header: 'Store', kind: 'text', value: (row) => names.store(row.storeId) },
  {
    field: 'stockItemId',
    header: 'Stock item',
    kind: 'text',
    value: (row) => row.stockItemName ?? row.stockItemId,
  },
  {
    field: 'registerId',
    header: 'Register',
    kind: 'text',
    value: (row) => row.registerId && names.register(row.registerId),
  },
  { field: 'orderId', header: 'Order', kind: 'text' },
  { field: 'onHandAfter', header: 'On hand after', kind: 'count' },
  { field: 'detail', header: 'What happened', kind: 'text' },
  {
    field: 'recordedAt',
    header: 'Judged at',
    kind: 'text',
    value: (row) => localTime(row.recordedAt, names.timeZone(row.storeId)),
  },
];

/**
 * Stock on hand now, in base units (g, ml, pieces), and each item's movements over the dates
 * chosen, opening to closing. A negative balance — more sold than the record says was there,
 * usually a missed receipt or a count to redo — is listed first and highlighted, and so is each
 * offline sale that, replayed, took an item below zero.
 */
export const StockPanel = (props: ReportPanelProps) => {
  const { api, filters, names, refresh } = props;
  const resource = useResource(
    () => api.report('stock', filters.storeId ? { storeId: filters.storeId } : {}),
    [api, filters.storeId, refresh],
  );
  const period = useResource(
    () =>
      api.report('stock', {
        ...(filters.storeId ? { storeId: filters.storeId } : {}),
        from: filters.from,
        to: filters.to,
      }),
    [api, filters.storeId, filters.from, filters.to, refresh],
  );
  return (
    <Panel id="stock" title="Stock on hand" resource={resource} wide>
      {(report) => (
        <>
          <p className={report.negativeItems > 0 ? 'warning' : 'muted'} data-field="negativeItems">
            {report.negativeItems === 0
              ? 'No negative balances.'
              : `${report.negativeItems} negative balance${report.negativeItems === 1 ? '' : 's'} to check.`}
          </p>
          <FigureTable
            name="on-hand"
            caption="Stock on hand now (not filtered by date)"
            columns={columns(names)}
            rows={report.rows}
            rowKey={(row) => `${row.storeId} ${row.stockItemId}`}
            rowClass={(row) => (row.negative ? 'negative' : undefined)}
            empty="No stock is tracked in these stores."
          />
          <h3>
            Movements, {filters.from} to {filters.to}
          </h3>
          {period.state === 'ready' ? (
            <FigureTable
              name="movements"
              caption="Opening + received + in − out − sold − wasted + count variance = closing"
              columns={periodColumns(names)}
              rows={period.value.movements}
              rowKey={(row) => `${row.storeId} ${row.stockItemId}`}
              rowClass={(row) => (row.negative ? 'negative' : undefined)}
              empty="No stock moved in these dates."
            />
          ) : (
            <p className="muted">{period.state === 'failed' ? period.error.message : 'Loading…'}</p>
          )}
          <h3>Negative-stock conflicts from offline sales</h3>
          <FigureTable
            name="conflicts"
            caption="Replayed offline sales that sold stock the record said was not there, newest first"
            columns={conflictColumns(names)}
            rows={report.conflicts}
            rowKey={(row) => `${row.orderId} ${row.stockItemId}`}
            rowClass={(row) => (row.onHandAfter < 0 ? 'negative' : undefined)}
            empty="No offline sale took stock below zero."
          />
        </>
      )}
    </Panel>
  );
};
