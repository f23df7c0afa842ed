import { cellText, type FigureKind } from '../format/cell';

export type HeadlineFigure = { field: string; label: string; kind: FigureKind; value: number };

/** A panel's few key figures in large type, each marked with its field for readers and tests. */
export const Headline = ({ figures }: { figures: ReadonlyArray<HeadlineFigure> }) => (
  <dl className="headline">
    {figures.map((figure) => (
      <div key={figure.field}>
        <dt>{figure.label}</dt>
        <dd data-field={figure.field}>{cellText(figure.value, figure.kind)}</dd>
      </div>
    ))}
  </dl>
);
