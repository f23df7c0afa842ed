import type { PaymentRow, TenderKind } from '@possier/events';
import { Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import { useResource } from '../api/use-resource';
import { paiseTooltip } from '../charts/axes';
import { colourAt } from '../charts/palette';
import { periodQuery } from '../filters/filters';
import { FigureTable, type Column } from './FigureTable';
import { Panel } from './Panel';
import { periodKeys, type ReportPanelProps } from './report-panel';

export const TENDER_NAMES: Readonly<Record<TenderKind, string>> = {
  cash: 'Cash',
  card: 'Card',
  upi: 'UPI',
  wallet: 'Wallet',
  on_account: 'On account',
  loyalty: 'Loyalty points',
};

const columns: ReadonlyArray<Column<PaymentRow>> = [
  { field: 'tenderKind', header: 'Tender', kind: 'text', value: (row) => TENDER_NAMES[row.tenderKind] },
  { field: 'tenders', header: 'Tenders', kind: 'count' },
  { field: 'appliedPaise', header: 'Applied', kind: 'paise' },
  { field: 'tipsPaise', header: 'Tips', kind: 'paise' },
  { field: 'refundedPaise', header: 'Refunded', kind: 'paise' },
  { field: 'voidedPaise', header: 'Voided', kind: 'paise' },
  { field: 'netPaise', header: 'Net', kind: 'paise' },
];

/** Each tender kind's share of what was put towards bills, and its refunds, voids and net. */
export const PaymentMixPanel = (props: ReportPanelProps) => {
  const resource = useResource(() => props.api.report('payments', periodQuery(props.filters)), periodKeys(props));
  return (
    <Panel id="payment-mix" title="Payment mix" resource={resource}>
      {(report) => (
        <>
          {report.rows.some((row) => row.appliedPaise > 0) && (
            <div className="chart" role="img" aria-label="Share of each tender kind in the amount applied to bills">
              <ResponsiveContainer width="100%" height={220}>
                <PieChart>
                  <Pie
                    data={report.rows.map((row) => ({ name: TENDER_NAMES[row.tenderKind], value: row.appliedPaise }))}
                    dataKey="value"
                    nameKey="name"
                    innerRadius="45%"
                    outerRadius="80%"
                    isAnimationActive={false}
                  >
                    {report.rows.map((row, index) => (
                      <Cell key={row.tenderKind} fill={colourAt(index)} />
                    ))}
                  </Pie>
                  <Tooltip formatter={paiseTooltip} />
                  <Legend />
                </PieChart>
              </ResponsiveContainer>
            </div>
          )}
          <FigureTable
            name="payments"
            caption="Payment mix by tender kind"
            columns={columns}
            rows={report.rows}
            rowKey={(row) => row.tenderKind}
            totals={report.totals}
            empty="No payments in this period."
          />
        </>
      )}
    </Panel>
  );
};
