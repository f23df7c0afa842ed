import type { ConflictRow } from '@possier/events';
import { useResource } from '../api/use-resource';
import { localTime } from '../format/figures';
import { FigureTable, type Column } from './FigureTable';
import { Panel } from './Panel';
import type { Names, ReportPanelProps } from './report-panel';

/** How each kind reads to a manager. */
const KIND_WORDS: Record<ConflictRow['kind'], string> = {
  price_changed: 'price changed',
  item_inactive: 'item no longer sold',
  stock_negative: 'stock below zero',
  loyalty_shortfall: 'points already spent',
  clock_skew: "till's clock off",
  outside_offline_window: 'outside the offline window',
  already_reversed: 'already reversed',
  other: 'other',
};

const columns = (names: Names): ReadonlyArray<Column<ConflictRow>> => [
  {
    field: 'recordedAt',
    header: 'Judged at',
    kind: 'text',
    value: (row) => localTime(row.recordedAt, names.timeZone(row.storeId)),
  },
  { field: 'storeId', header: 'Store', kind: 'text', value: (row) => names.store(row.storeId) },
  {
    field: 'registerId',
    header: 'Register',
    kind: 'text',
    value: (row) => row.registerId && names.register(row.registerId),
  },
  { field: 'orderId', header: 'Order', kind: 'text' },
  { field: 'kind', header: 'Kind', kind: 'text', value: (row) => KIND_WORDS[row.kind] },
  { field: 'detail', header: 'What happened', kind: 'text' },
];

/**
 * What the ledger found in the tills' replayed offline events, newest first: the sale (or the
 * void, the refund) stood, and this is what a manager should check — a price that changed, stock
 * below zero, points already spent, a till's clock off, a sale already reversed on the web.
 */
export const ConflictsPanel = (props: ReportPanelProps) => {
  const { api, filters, names, refresh } = props;
  const resource = useResource(
    () => api.report('conflicts', filters.storeId ? { storeId: filters.storeId } : {}),
    [api, filters.storeId, refresh],
  );
  return (
    <Panel id="conflicts" title="Offline conflicts" resource={resource} wide>
      {(report) => (
        <>
          <p className={report.byKind.length > 0 ? 'warning' : 'muted'} data-field="byKind">
            {report.byKind.length === 0
              ? 'No conflicts in replayed offline events.'
              : report.byKind.map((entry) => `${entry.conflicts} ${KIND_WORDS[entry.kind]}`).join(', ')}
          </p>
          <FigureTable
            name="conflicts"
            caption="Conflicts found in replayed offline events, newest first (not filtered by date)"
            columns={columns(names)}
            rows={report.rows}
            rowKey={(row) => `${row.eventId} ${row.path} ${row.detail}`}
            empty="No offline event met a conflict."
          />
        </>
      )}
    </Panel>
  );
};
