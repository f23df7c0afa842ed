import type { SalesRow } from '@possier/events';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useResource } from '../api/use-resource';
import { paiseTick, paiseTooltip } from '../charts/axes';
import { hourlyBars } from '../charts/hourly';
import { colourAt } from '../charts/palette';
import { periodQuery } from '../filters/filters';
import { hourLabel } from '../format/figures';
import { FigureTable, type Column } from './FigureTable';
import { Panel } from './Panel';
import { periodKeys, type ReportPanelProps } from './report-panel';

const columns: ReadonlyArray<Column<SalesRow>> = [
  { field: 'businessDate', header: 'Date', kind: 'text' },
  { field: 'hour', header: 'Hour', kind: 'text', value: (row) => (row.hour === null ? null : hourLabel(row.hour)) },
  { field: 'orders', header: 'Orders', kind: 'count' },
  { field: 'payablePaise', header: 'Payable', kind: 'paise' },
  { field: 'netPaise', header: 'Net', kind: 'paise' },
];

/** Net sales per store-local hour, one stacked colour per business date, with the figures behind it. */
export const SalesByHourPanel = (props: ReportPanelProps) => {
  const resource = useResource(
    () => props.api.report('sales', { ...periodQuery(props.filters), by: 'hour' }),
    periodKeys(props),
  );
  return (
    <Panel id="sales-hour" title="Sales by hour" resource={resource} wide>
      {(report) => {
        const { bars, dates } = hourlyBars(report.rows);
        if (bars.length === 0) return <p className="muted">No sales in this period.</p>;
        return (
          <>
            <div className="chart" role="img" aria-label="Net sales by hour of the day, stacked by business date">
              <ResponsiveContainer width="100%" height={240}>
                <BarChart data={bars} margin={{ left: 16 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="hour" tickFormatter={hourLabel} />
                  <YAxis tickFormatter={paiseTick} allowDecimals={false} width={80} />
                  <Tooltip formatter={paiseTooltip} labelFormatter={(hour) => hourLabel(Number(hour))} />
                  <Legend />
                  {dates.map((date, index) => (
                    <Bar key={date} dataKey={date} stackId="day" fill={colourAt(index)} isAnimationActive={false} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
            <details>
              <summary>Figures by hour</summary>
              <FigureTable
                name="sales-by-hour"
                caption="Sales by business date and hour"
                columns={columns}
                rows={report.rows}
                rowKey={(row) => `${row.businessDate} ${row.hour}`}
                totals={report.totals}
                empty="No sales in this period."
              />
            </details>
          </>
        );
      }}
    </Panel>
  );
};
