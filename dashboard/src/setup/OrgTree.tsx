import type { OrgView } from '@possier/events';
import type { LedgerApi } from '../api/ledger-api';
import { ActionNote } from './ActionNote';
import { TokenIssuer } from './TokenIssuer';
import { useAction } from './use-action';

type Props = { api: LedgerApi; org: OrgView; onChanged: () => void };

const ROLE_WORDS: Record<string, string> = {
  owner: 'owner',
  brand_manager: 'brand manager',
  store_manager: 'store manager',
  cashier: 'cashier',
  accountant: 'accountant',
  analyst: 'analyst',
};

/** Deactivates or reactivates a register or user, asking why: the reason is kept in the history. */
const StatusToggle = ({
  api,
  org,
  kind,
  id,
  name,
  active,
  onChanged,
}: Props & { kind: 'register' | 'user'; id: string; name: string; active: boolean }) => {
  const [action, run] = useAction();
  const toggle = () => {
    const reason = window.prompt(
      `Why ${active ? 'deactivate' : 'reactivate'} ${name}?`,
      active ? 'withdrawn' : 'back in use',
    );
    if (!reason) return;
    const command = `${active ? 'deactivate' : 'reactivate'}${kind === 'register' ? 'Register' : 'User'}` as const;
    const ids = kind === 'register' ? { registerId: id } : { userId: id };
    void run(async () => {
      await api.command(command, { orgId: org.orgId, ...ids, reason });
      onChanged();
      return `${name} ${active ? 'deactivated: its tokens are refused from now on' : 'reactivated'}.`;
    });
  };
  return (
    <>
      <button type="button" className="small" onClick={toggle} data-testid={`toggle-${id}`}>
        {active ? 'Deactivate' : 'Reactivate'}
      </button>
      <ActionNote action={action} testId={`toggle-note-${id}`} />
    </>
  );
};

/** The org as an owner sees it: brands → stores → registers, and its people with their roles, by name. */
export const OrgTree = ({ api, org, onChanged }: Props) => {
  const storeName = new Map(org.stores.map((store) => [store.storeId, store.name]));
  const brandName = new Map(org.brands.map((brand) => [brand.brandId, brand.name]));
  const over = (level: string, scopeId: string | null) =>
    level === 'org'
      ? 'the whole org'
      : ((level === 'brand' ? brandName.get(scopeId ?? '') : storeName.get(scopeId ?? '')) ??
        'a node no longer listed');
  return (
    <>
      <section className="panel wide" data-testid="setup-tree">
        <h2>Brands, stores and registers</h2>
        {org.brands.length === 0 && <p className="muted">No brand yet: create one below.</p>}
        <ul className="tree">
          {org.brands.map((brand) => (
            <li key={brand.brandId}>
              <strong>{brand.name}</strong>
              <ul>
                {org.stores
                  .filter((store) => store.brandId === brand.brandId)
                  .map((store) => (
                    <li key={store.storeId} data-testid={`store-${store.name}`}>
                      {store.name}{' '}
                      <span className="muted">
                        · {store.timeZone} · GST state {store.stateCode}
                        {store.gstin ? ` · GSTIN ${store.gstin}` : ''}
                      </span>
                      <ul>
                        {org.registers
                          .filter((register) => register.storeId === store.storeId)
                          .map((register) => (
                            <li
                              key={register.registerId}
                              data-testid={`register-${register.name}`}
                              data-status={register.status}
                            >
                              {register.name}{' '}
                              <span className={register.status === 'active' ? 'muted' : 'refused'}>
                                {register.status === 'active' ? 'active' : 'deactivated'}
                              </span>{' '}
                              <StatusToggle
                                api={api}
                                org={org}
                                onChanged={onChanged}
                                kind="register"
                                id={register.registerId}
                                name={register.name}
                                active={register.status === 'active'}
                              />
                              {register.status === 'active' && (
                                <TokenIssuer
                                  api={api}
                                  org={org}
                                  subject={{ kind: 'register', registerId: register.registerId }}
                                  name={register.name}
                                />
                              )}
                            </li>
                          ))}
                      </ul>
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel wide" data-testid="setup-users">
        <h2>People</h2>
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Roles</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {org.users.map((user) => (
              <tr key={user.userId} data-testid={`user-${user.email}`}>
                <td>{user.name}</td>
                <td>{user.email}</td>
                <td>
                  {user.roles
                    .map((role) => `${ROLE_WORDS[role.role] ?? role.role} of ${over(role.level, role.scopeId)}`)
                    .join('; ') || 'no role'}
                </td>
                <td>{user.status}</td>
                <td>
                  <StatusToggle
                    api={api}
                    org={org}
                    onChanged={onChanged}
                    kind="user"
                    id={user.userId}
                    name={user.name}
                    active={user.status === 'active'}
                  />
                  {user.status === 'active' && (
                    <TokenIssuer api={api} org={org} subject={{ kind: 'user', userId: user.userId }} name={user.name} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
};
