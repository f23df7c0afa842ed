import type { SalesRow } from '@possier/events';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useResource } from '../api/use-resource';
import { paiseTick, paiseTooltip } from '../charts/axes';
import { colourAt } from '../charts/palette';
import { periodQuery } from '../filters/filters';
import { FigureTable, type Column } from './FigureTable';
import { Headline } from './Headline';
import { Panel } from './Panel';
import { periodKeys, type ReportPanelProps } from './report-panel';

const columns: ReadonlyArray<Column<SalesRow>> = [
  { field: 'businessDate', header: 'Date', kind: 'text' },
  { field: 'orders', header: 'Orders', kind: 'count' },
  { field: 'grossPaise', header: 'Gross', kind: 'paise' },
  { field: 'discountPaise', header: 'Discount', kind: 'paise' },
  { field: 'serviceChargePaise', header: 'Service charge', kind: 'paise' },
  { field: 'taxIncludedPaise', header: 'Tax in prices', kind: 'paise' },
  { field: 'taxablePaise', header: 'Taxable', kind: 'paise' },
  { field: 'taxPaise', header: 'Tax', kind: 'paise' },
  { field: 'roundOffPaise', header: 'Round-off', kind: 'paise' },
  { field: 'payablePaise', header: 'Payable', kind: 'paise' },
  { field: 'tipsPaise', header: 'Tips', kind: 'paise' },
  { field: 'collectedPaise', header: 'Collected', kind: 'paise' },
  { field: 'voidedPaise', header: 'Voided', kind: 'paise' },
  { field: 'refundedPaise', header: 'Refunded', kind: 'paise' },
  { field: 'netPaise', header: 'Net', kind: 'paise' },
];

/** Sales per business date: the period's totals, payable and net per day as bars, and the figures. */
export const SalesByDayPanel = (props: ReportPanelProps) => {
  const resource = useResource(
    () => props.api.report('sales', { ...periodQuery(props.filters), by: 'day' }),
    periodKeys(props),
  );
  return (
    <Panel id="sales-day" title="Sales by day" resource={resource} wide>
      {(report) => (
        <>
          <Headline
            figures={[
              { field: 'orders', label: 'Orders', kind: 'count', value: report.totals.orders },
              { field: 'payablePaise', label: 'Payable', kind: 'paise', value: report.totals.payablePaise },
              { field: 'taxPaise', label: 'Tax', kind: 'paise', value: report.totals.taxPaise },
              { field: 'netPaise', label: 'Net of voids and refunds', kind: 'paise', value: report.totals.netPaise },
            ]}
          />
          {report.rows.length > 0 && (
            <div className="chart" role="img" aria-label="Payable and net sales by business date">
              <ResponsiveContainer width="100%" height={240}>
                <BarChart data={report.rows} margin={{ left: 16 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="businessDate" />
                  <YAxis tickFormatter={paiseTick} allowDecimals={false} width={80} />
                  <Tooltip formatter={paiseTooltip} />
                  <Legend />
                  <Bar dataKey="payablePaise" name="Payable" fill={colourAt(0)} isAnimationActive={false} />
                  <Bar dataKey="netPaise" name="Net" fill={colourAt(1)} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
          <FigureTable
            name="sales-by-day"
            caption="Sales by business date: Gross − Discount + Service charge − Tax in prices = Taxable; Taxable + Tax + Round-off = Payable; Payable + Tips = Collected; Payable − Voided − Refunded = Net"
            columns={columns}
            rows={report.rows}
            rowKey={(row) => row.businessDate}
            totals={report.totals}
            empty="No sales in this period."
          />
        </>
      )}
    </Panel>
  );
};
