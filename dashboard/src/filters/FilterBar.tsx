import { MAX_REPORT_DAYS, daysBetween, type ReportScopeView } from '@possier/events';
import { useState, type FormEvent } from 'react';
import { storeChoices, type Filters } from './filters';

type FilterBarProps = {
  /** Null when the token reads no org's reports (an operator's): the filters then have nothing to offer. */
  scope: ReportScopeView | null;
  filters: Filters;
  onApply: (filters: Filters) => void;
};

/** Why a period cannot be asked for, in the API's own terms; null when it can. */
const periodProblem = (from: string, to: string): string | null => {
  if (!from || !to) return 'Choose both dates.';
  const span = daysBetween(from, to);
  if (span < 0) return 'The period must not end before it starts.';
  if (span + 1 > MAX_REPORT_DAYS) return `A period may cover at most ${MAX_REPORT_DAYS} days.`;
  return null;
};

/**
 * Brand, store and business dates. Edits are drafts until "Show", so the reports reload once per
 * choice, not once per keystroke. Only stores in the token's scope are offered.
 */
export const FilterBar = ({ scope, filters, onApply }: FilterBarProps) => {
  const [draft, setDraft] = useState(filters);
  const { stores, allowAll } = scope ? storeChoices(scope, draft.brandId) : { stores: [], allowAll: true };
  const outsideScope = draft.storeId !== null && !stores.some((store) => store.storeId === draft.storeId);
  const problem = periodProblem(draft.from, draft.to);

  const chooseBrand = (brandId: string | null) => {
    const choices = scope ? storeChoices(scope, brandId) : { stores: [], allowAll: true };
    setDraft({ ...draft, brandId, storeId: choices.allowAll ? null : (choices.stores[0]?.storeId ?? null) });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem === null) onApply(draft);
  };

  return (
    <form className="filters" onSubmit={submit} aria-label="Report filters">
      <label>
        Brand
        <select
          name="brand"
          value={draft.brandId ?? ''}
          disabled={!scope}
          onChange={(event) => chooseBrand(event.target.value || null)}
        >
          <option value="">All brands</option>
          {scope?.brands.map((brand) => (
            <option key={brand.brandId} value={brand.brandId}>
              {brand.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Store
        <select
          name="store"
          value={draft.storeId ?? ''}
          disabled={!scope}
          onChange={(event) => setDraft({ ...draft, storeId: event.target.value || null })}
        >
          {allowAll && <option value="">All stores</option>}
          {stores.map((store) => (
            <option key={store.storeId} value={store.storeId}>
              {store.name}
            </option>
          ))}
          {outsideScope && <option value={draft.storeId ?? ''}>{draft.storeId}</option>}
        </select>
      </label>
      <label>
        From
        <input
          type="date"
          name="from"
          value={draft.from}
          onChange={(event) => setDraft({ ...draft, from: event.target.value })}
        />
      </label>
      <label>
        To
        <input
          type="date"
          name="to"
          value={draft.to}
          onChange={(event) => setDraft({ ...draft, to: event.target.value })}
        />
      </label>
      <button type="submit" disabled={problem !== null}>
        Show
      </button>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
};
