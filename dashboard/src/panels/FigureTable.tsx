import { cellText, type FigureKind } from '../format/cell';

type Value = string | number | null;

export type Column<Row> = {
  /** The row's field, also the `data-field` of its cells and the key of its total. */
  field: string;
  header: string;
  kind: FigureKind;
  /** The cell's value when it is not simply `row[field]`. */
  value?: (row: Row) => Value;
};

type FigureTableProps<Row> = {
  /** `data-table`: which of a panel's tables this is. */
  name: string;
  caption: string;
  columns: ReadonlyArray<Column<Row>>;
  rows: ReadonlyArray<Row>;
  rowKey: (row: Row) => string;
  rowClass?: (row: Row) => string | undefined;
  /** A totals row: values by field, under the columns that have one. */
  totals?: Readonly<Record<string, Value>>;
  empty: string;
};

const numeric = (kind: FigureKind): boolean => kind !== 'text';

/**
 * The figures of a report as a table, each cell marked with its field (`data-field`) so a reader
 * — or a test — can find a figure by name. Money cells print rupees from integer paise.
 */
export const FigureTable = <Row,>({
  name,
  caption,
  columns,
  rows,
  rowKey,
  rowClass,
  totals,
  empty,
}: FigureTableProps<Row>) => {
  if (rows.length === 0)
    return (
      <p className="muted" data-table={name}>
        {empty}
      </p>
    );
  const valueOf = (row: Row, column: Column<Row>): Value =>
    column.value ? column.value(row) : ((row as Record<string, Value>)[column.field] ?? null);
  return (
    <div className="table-scroll">
      <table data-table={name}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.field} scope="col" className={numeric(column.kind) ? 'number' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-row={rowKey(row)} className={rowClass?.(row)}>
              {columns.map((column) => (
                <td
                  key={column.field}
                  data-field={column.field}
                  className={numeric(column.kind) ? 'number' : undefined}
                >
                  {cellText(valueOf(row, column), column.kind)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {totals && (
          <tfoot>
            <tr data-row="totals">
              {columns.map((column, index) => (
                <td
                  key={column.field}
                  data-field={column.field}
                  className={numeric(column.kind) ? 'number' : undefined}
                >
                  {index === 0 ? 'Total' : cellText(totals[column.field], column.kind)}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
};
