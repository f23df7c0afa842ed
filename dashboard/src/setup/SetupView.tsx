import type { ReportScopeView } from '@possier/events';
import { useState } from 'react';
import type { LedgerApi } from '../api/ledger-api';
import { useResource } from '../api/use-resource';
import { cellText } from '../format/cell';
import { MenuImport } from './MenuImport';
import { OrgTree } from './OrgTree';
import { SetupForms } from './SetupForms';

/**
 * Setting up the org from the page. The tree, people and forms come from `GET /v1/org`, which only
 * an owner may read; the menu from `GET /v1/catalog` (owners and brand managers). What the token
 * may not read is not offered: its section says the API's reason instead.
 */
export const SetupView = ({ api, scope }: { api: LedgerApi; scope: ReportScopeView | null }) => {
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((value) => value + 1);
  const org = useResource(() => api.org(), [api, version], { keepWhileReloading: true });
  const catalog = useResource(() => api.catalog(), [api, version], { keepWhileReloading: true });
  const brands = org.state === 'ready' ? org.value.brands : (scope?.brands ?? []);
  const orgId = org.state === 'ready' ? org.value.orgId : scope?.orgId;

  return (
    <main className="grid" data-testid="setup">
      {org.state === 'loading' && <p className="muted page">Loading the org…</p>}
      {org.state === 'failed' && (
        <p className={org.error.refused ? 'refused page' : 'error page'} role="note" data-testid="setup-org-refused">
          {org.error.refused ? `The org’s tree and people are for its owners: ${org.error.reason}` : org.error.message}
        </p>
      )}
      {org.state === 'ready' && (
        <>
          <OrgTree api={api} org={org.value} onChanged={changed} />
          <SetupForms
            api={api}
            org={org.value}
            catalog={catalog.state === 'ready' ? catalog.value : null}
            onChanged={changed}
          />
        </>
      )}
      {catalog.state === 'failed' && (
        <p
          className={catalog.error.refused ? 'refused page' : 'error page'}
          role="note"
          data-testid="setup-menu-refused"
        >
          {catalog.error.refused
            ? `The menu is for those who manage a catalog: ${catalog.error.reason}`
            : catalog.error.message}
        </p>
      )}
      {catalog.state === 'ready' && orgId !== undefined && brands.length > 0 && (
        <MenuImport api={api} orgId={orgId} brands={brands} catalog={catalog.value} onChanged={changed} />
      )}
      {catalog.state === 'ready' && org.state === 'ready' && catalog.value.taxCategories.length > 0 && (
        <section className="panel" data-testid="setup-tax">
          <h2>Tax categories</h2>
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th className="num">GST</th>
                <th>HSN/SAC</th>
              </tr>
            </thead>
            <tbody>
              {catalog.value.taxCategories.map((category) => (
                <tr key={category.taxCategoryId}>
                  <td>{category.name}</td>
                  <td className="num">{cellText(category.rateBasisPoints, 'rate')}</td>
                  <td>{category.hsnSac}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
};
