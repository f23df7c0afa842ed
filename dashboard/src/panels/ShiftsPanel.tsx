import type { ShiftRow } from '@possier/events';
import { useResource } from '../api/use-resource';
import { periodQuery } from '../filters/filters';
import { localTime } from '../format/figures';
import { FigureTable, type Column } from './FigureTable';
import { Panel } from './Panel';
import { periodKeys, type Names, type ReportPanelProps } from './report-panel';

const columns = (names: Names): ReadonlyArray<Column<ShiftRow>> => [
  { field: 'kind', header: 'Report', kind: 'text' },
  { field: 'storeId', header: 'Store', kind: 'text', value: (row) => names.store(row.storeId) },
  { field: 'registerId', header: 'Register', kind: 'text', value: (row) => names.register(row.registerId) },
  {
    field: 'openedAt',
    header: 'Opened',
    kind: 'text',
    value: (row) => localTime(row.openedAt, names.timeZone(row.storeId)),
  },
  {
    field: 'closedAt',
    header: 'Closed',
    kind: 'text',
    value: (row) => (row.closedAt === null ? 'open' : localTime(row.closedAt, names.timeZone(row.storeId))),
  },
  { field: 'floatPaise', header: 'Float', kind: 'paise' },
  { field: 'cashInPaise', header: 'Cash in', kind: 'paise' },
  { field: 'cashOutPaise', header: 'Cash out', kind: 'paise' },
  { field: 'cashSalesPaise', header: 'Cash sales', kind: 'paise' },
  { field: 'expectedCashPaise', header: 'Expected', kind: 'paise' },
  { field: 'countedCashPaise', header: 'Counted', kind: 'paise' },
  { field: 'variancePaise', header: 'Variance', kind: 'paise' },
];

const varianceClass = (row: ShiftRow): string | undefined =>
  row.variancePaise === null || row.variancePaise === 0 ? undefined : row.variancePaise < 0 ? 'short' : 'over';

/**
 * X reports for shifts still open (float and cash moved so far) and Z reports for closed ones,
 * with the drawer's variance: short (counted less than expected) or over.
 */
export const ShiftsPanel = (props: ReportPanelProps) => {
  const resource = useResource(() => props.api.report('shifts', periodQuery(props.filters)), periodKeys(props));
  return (
    <Panel id="shifts" title="Shifts: X and Z reports" resource={resource} wide>
      {(report) => (
        <FigureTable
          name="shifts"
          caption="Shifts opened in the period; variance = counted − expected"
          columns={columns(props.names)}
          rows={report.rows}
          rowKey={(row) => row.shiftId}
          rowClass={varianceClass}
          empty="No shifts opened in this period."
        />
      )}
    </Panel>
  );
};
