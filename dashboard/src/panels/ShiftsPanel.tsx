import type { DaySealRow, ShiftRow } from '@possier/events';
import { useResource } from '../api/use-resource';
import { periodQuery } from '../filters/filters';
import { localTime } from '../format/figures';
import { rupees } from '../format/rupees';
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

const sealColumns = (names: Names): ReadonlyArray<Column<DaySealRow>> => [
  { field: 'businessDate', header: 'Date', kind: 'text' },
  { field: 'storeId', header: 'Store', kind: 'text', value: (row) => names.store(row.storeId) },
  {
    field: 'kind',
    header: 'Seal',
    kind: 'text',
    value: (row) => (row.kind === 'close' ? 'close' : `amendment ${row.amendment}`),
  },
  {
    field: 'sealedAt',
    header: 'Sealed at',
    kind: 'text',
    value: (row) => localTime(row.sealedAt, names.timeZone(row.storeId)),
  },
  { field: 'sealedBy', header: 'By', kind: 'text', value: (row) => row.sealedByName ?? row.sealedBy },
  { field: 'eventCount', header: 'Events', kind: 'count' },
  { field: 'sales', header: 'Sales', kind: 'count' },
  { field: 'payablePaise', header: 'Payable', kind: 'paise' },
  { field: 'voidedPaise', header: 'Voided', kind: 'paise' },
  { field: 'refundedPaise', header: 'Refunded', kind: 'paise' },
  {
    field: 'tenders',
    header: 'Tenders',
    kind: 'text',
    value: (row) =>
      row.tenders.map((tender) => `${tender.tenderKind} ${rupees(tender.appliedPaise)} (${tender.tenders})`).join(', '),
  },
];

const varianceClass = (row: ShiftRow): string | undefined =>
  row.variancePaise === null || row.variancePaise === 0 ? undefined : row.variancePaise < 0 ? 'short' : 'over';

/**
 * X reports for shifts still open (float and cash moved so far) and Z reports for closed ones,
 * with the drawer's variance: short (counted less than expected) or over; then the audit seals
 * of the period's dates, so a manager sees a day whose figures changed after its close (an
 * amendment) and by how much.
 */
export const ShiftsPanel = (props: ReportPanelProps) => {
  const resource = useResource(() => props.api.report('shifts', periodQuery(props.filters)), periodKeys(props));
  return (
    <Panel id="shifts" title="Shifts: X and Z reports" resource={resource} wide>
      {(report) => (
        <>
          <FigureTable
            name="shifts"
            caption="Shifts opened in the period; variance = counted − expected"
            columns={columns(props.names)}
            rows={report.rows}
            rowKey={(row) => row.shiftId}
            rowClass={varianceClass}
            empty="No shifts opened in this period."
          />
          <FigureTable
            name="seals"
            caption="Business dates sealed: a close is the day as sealed; an amendment is what it added after the close"
            columns={sealColumns(props.names)}
            rows={report.seals}
            rowKey={(row) => `${row.storeId}/${row.businessDate}/${row.amendment}`}
            rowClass={(row) => (row.kind === 'amendment' ? 'amended' : undefined)}
            empty="No business date of this period is sealed yet."
          />
        </>
      )}
    </Panel>
  );
};
