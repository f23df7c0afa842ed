import type { ItemRow } from '@possier/events';
import { useState } from 'react';
import { useResource } from '../api/use-resource';
import { periodQuery } from '../filters/filters';
import { FigureTable, type Column } from './FigureTable';
import { Panel } from './Panel';
import { periodKeys, type ReportPanelProps } from './report-panel';

const TOP = 10;

const columns: ReadonlyArray<Column<ItemRow>> = [
  { field: 'rank', header: '#', kind: 'count' },
  { field: 'name', header: 'Item', kind: 'text' },
  { field: 'quantitySold', header: 'Sold', kind: 'count' },
  { field: 'refundedQuantity', header: 'Refunded', kind: 'count' },
  { field: 'voidedQuantity', header: 'Voided', kind: 'count' },
  { field: 'netQuantity', header: 'Net qty', kind: 'count' },
  { field: 'netTaxablePaise', header: 'Net taxable', kind: 'paise' },
];

/** The period's ten best sellers, ranked by net quantity or net taxable value. */
export const TopSellersPanel = (props: ReportPanelProps) => {
  const [sort, setSort] = useState<'quantity' | 'taxable'>('quantity');
  const resource = useResource(
    () => props.api.report('items', { ...periodQuery(props.filters), limit: String(TOP), sort }),
    [...periodKeys(props), sort],
  );
  return (
    <Panel id="top-sellers" title="Top sellers" resource={resource}>
      {(report) => (
        <>
          <label className="inline">
            Rank by{' '}
            <select value={sort} onChange={(event) => setSort(event.target.value as typeof sort)}>
              <option value="quantity">net quantity</option>
              <option value="taxable">net taxable value</option>
            </select>
          </label>
          <FigureTable
            name="items"
            caption={`Top ${TOP} items by net ${report.sort === 'quantity' ? 'quantity' : 'taxable value'}`}
            columns={columns}
            rows={report.rows}
            rowKey={(row) => row.itemId}
            empty="Nothing sold in this period."
          />
        </>
      )}
    </Panel>
  );
};
