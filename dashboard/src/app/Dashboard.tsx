import { DEFAULT_TIME_ZONE } from '@possier/events';
import { useEffect, useMemo, useState } from 'react';
import { ledgerApi } from '../api/ledger-api';
import { useResource } from '../api/use-resource';
import { FilterBar } from '../filters/FilterBar';
import { businessToday, readFilters, settleFilters, writeFilters, type Filters } from '../filters/filters';
import { GstPanel } from '../panels/GstPanel';
import { OperationsPanel } from '../panels/OperationsPanel';
import { PaymentMixPanel } from '../panels/PaymentMixPanel';
import { ReceivablesPanel } from '../panels/ReceivablesPanel';
import { namesOf, type ReportPanelProps } from '../panels/report-panel';
import { SalesByDayPanel } from '../panels/SalesByDayPanel';
import { SalesByHourPanel } from '../panels/SalesByHourPanel';
import { ShiftsPanel } from '../panels/ShiftsPanel';
import { ConflictsPanel } from '../panels/ConflictsPanel';
import { StockPanel } from '../panels/StockPanel';
import { TopSellersPanel } from '../panels/TopSellersPanel';
import { whoIs } from '../session/session';
import { SetupView } from '../setup/SetupView';

type DashboardProps = { token: string; onSignOut: (notice?: string) => void };

/**
 * The signed-in page: who the token is, the filters, and one panel per report plus operations.
 * The token's scope comes from the API (`/v1/scope`) and shapes the filters; every panel asks the
 * API for its own report and shows what it answers — figures, or the refusal and its reason.
 */
export const Dashboard = ({ token, onSignOut }: DashboardProps) => {
  const api = useMemo(() => ledgerApi(token), [token]);
  const scope = useResource(() => api.scope(), [api]);
  const [chosen, setChosen] = useState<Filters>(() =>
    readFilters(window.location.search, businessToday(new Date(), DEFAULT_TIME_ZONE)),
  );
  const [refresh, setRefresh] = useState(0);
  const [view, setView] = useState<'reports' | 'setup'>(() =>
    window.location.hash === '#setup' ? 'setup' : 'reports',
  );
  const rejection = scope.state === 'failed' && scope.error.status === 401 ? scope.error.reason : null;

  useEffect(() => {
    if (rejection !== null) onSignOut(`The ledger refused the token: ${rejection}`);
  }, [rejection, onSignOut]);

  const scopeView = scope.state === 'ready' ? scope.value : null;
  const filters = scopeView ? settleFilters(chosen, scopeView) : chosen;
  const search = writeFilters(filters);
  useEffect(
    () => window.history.replaceState(null, '', `${search}${view === 'setup' ? '#setup' : ''}`),
    [search, view],
  );

  if (scope.state === 'loading' || rejection !== null) return <p className="muted page">Checking the token…</p>;

  const who = whoIs(token);
  const names = namesOf(scopeView);
  const panel: ReportPanelProps = { api, filters, names, refresh };
  return (
    <>
      <header className="top">
        <div>
          <h1>{scopeView ? scopeView.orgName : 'Possier'}</h1>
          <p className="muted" data-testid="who">
            Signed in as {scopeView?.signedInAs.name ?? who?.label ?? 'an unreadable token'}
            {scopeView
              ? ` · reports of ${scopeView.stores.length} store${scopeView.stores.length === 1 ? '' : 's'}`
              : ''}
          </p>
        </div>
        <div className="actions">
          <button
            type="button"
            onClick={() => setView(view === 'setup' ? 'reports' : 'setup')}
            data-testid="switch-view"
          >
            {view === 'setup' ? 'Reports' : 'Set-up'}
          </button>
          <button type="button" onClick={() => setRefresh((value) => value + 1)}>
            Refresh
          </button>
          <button type="button" onClick={() => onSignOut()}>
            Sign out
          </button>
        </div>
      </header>
      {scope.state === 'failed' && (
        <p className="refused page" role="note" data-testid="scope-refused">
          This token reads no reports: {scope.error.reason}
        </p>
      )}
      {view === 'setup' ? (
        <SetupView key={refresh} api={api} scope={scopeView} />
      ) : (
        <>
          <FilterBar key={search} scope={scopeView} filters={filters} onApply={setChosen} />
          <main className="grid">
            <SalesByDayPanel {...panel} />
            <SalesByHourPanel {...panel} />
            <TopSellersPanel {...panel} />
            <PaymentMixPanel {...panel} />
            <GstPanel {...panel} />
            <StockPanel {...panel} />
            <ConflictsPanel {...panel} />
            <ShiftsPanel {...panel} />
            <ReceivablesPanel {...panel} />
            <OperationsPanel api={api} names={names} refresh={refresh} />
          </main>
        </>
      )}
    </>
  );
};
