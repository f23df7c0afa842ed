import {
  DEFAULT_TIME_ZONE,
  parseGstPercent,
  Role,
  ROLE_LEVELS,
  type CatalogListing,
  type OrgView,
} from '@possier/events';
import { useState, type FormEvent, type ReactNode } from 'react';
import { newId, offsetNow, type LedgerApi } from '../api/ledger-api';
import { ActionNote } from './ActionNote';

import { useAction, type ActionState } from './use-action';

type Props = { api: LedgerApi; org: OrgView; onChanged: () => void };

/** One small form: its fields, a submit button, and what the API answered. */
const SetupForm = ({
  id,
  title,
  action,
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  action: ActionState;
  onSubmit: (form: FormData) => void;
  children: ReactNode;
}) => (
  <form
    className="setup-form"
    aria-label={title}
    data-testid={`form-${id}`}
    onSubmit={(event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      onSubmit(new FormData(event.currentTarget));
    }}
  >
    <h3>{title}</h3>
    {children}
    <button type="submit" disabled={action.state === 'running'}>
      {title}
    </button>
    <ActionNote action={action} testId={`note-${id}`} />
  </form>
);

const text = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();

const Field = ({
  label,
  name,
  ...rest
}: { label: string; name: string } & React.InputHTMLAttributes<HTMLInputElement>) => (
  <label>
    {label}
    <input name={name} {...rest} />
  </label>
);

/** Forms an owner creates the org's tree, people and tax categories with. Every id is minted here; a person types names. */
export const SetupForms = ({ api, org, onChanged, catalog }: Props & { catalog: CatalogListing | null }) => {
  const [brand, runBrand] = useAction();
  const [store, runStore] = useAction();
  const [register, runRegister] = useAction();
  const [user, runUser] = useAction();
  const [tax, runTax] = useAction();
  const [role, setRole] = useState<Role>('store_manager');
  const send = (run: typeof runBrand, work: () => Promise<string>) =>
    void run(async () => {
      const message = await work();
      onChanged();
      return message;
    });
  const levels = ROLE_LEVELS[role];

  return (
    <section className="panel wide setup-forms" data-testid="setup-forms">
      <h2>Create</h2>
      <div className="forms">
        <SetupForm
          id="brand"
          title="Create brand"
          action={brand}
          onSubmit={(form) =>
            send(runBrand, async () => {
              const name = text(form, 'name');
              await api.command('createBrand', { orgId: org.orgId, brandId: newId(), name });
              return `Brand "${name}" created.`;
            })
          }
        >
          <Field label="Name" name="name" required />
        </SetupForm>

        <SetupForm
          id="store"
          title="Create store"
          action={store}
          onSubmit={(form) =>
            send(runStore, async () => {
              const name = text(form, 'name');
              const gstin = text(form, 'gstin');
              await api.command('createStore', {
                orgId: org.orgId,
                storeId: newId(),
                brandId: text(form, 'brandId'),
                name,
                timeZone: text(form, 'timeZone'),
                stateCode: text(form, 'stateCode'),
                ...(gstin ? { gstin } : {}),
              });
              return `Store "${name}" created.`;
            })
          }
        >
          <label>
            Brand
            <select name="brandId" required>
              {org.brands.map((option) => (
                <option key={option.brandId} value={option.brandId}>
                  {option.name}
                </option>
              ))}
            </select>
          </label>
          <Field label="Name" name="name" required />
          <Field label="Time zone" name="timeZone" defaultValue={DEFAULT_TIME_ZONE} required />
          <Field label="GST state code" name="stateCode" placeholder="27" required />
          <Field label="GSTIN (optional)" name="gstin" />
        </SetupForm>

        <SetupForm
          id="register"
          title="Create register"
          action={register}
          onSubmit={(form) =>
            send(runRegister, async () => {
              const name = text(form, 'name');
              await api.command('createRegister', {
                orgId: org.orgId,
                registerId: newId(),
                storeId: text(form, 'storeId'),
                name,
              });
              return `Register "${name}" created.`;
            })
          }
        >
          <label>
            Store
            <select name="storeId" required>
              {org.stores.map((option) => (
                <option key={option.storeId} value={option.storeId}>
                  {option.name}
                </option>
              ))}
            </select>
          </label>
          <Field label="Name" name="name" required />
        </SetupForm>

        <SetupForm
          id="user"
          title="Add user"
          action={user}
          onSubmit={(form) =>
            send(runUser, async () => {
              const name = text(form, 'name');
              const userId = newId();
              await api.command('addUser', { orgId: org.orgId, userId, name, email: text(form, 'email') });
              const [level, nodeId] = text(form, 'node').split(':');
              const scope =
                level === 'brand'
                  ? { level, brandId: nodeId }
                  : level === 'store'
                    ? { level, storeId: nodeId }
                    : { level: 'org' };
              await api.command('grantRole', { orgId: org.orgId, userId, role, scope });
              return `${name} added as ${role.replace('_', ' ')}.`;
            })
          }
        >
          <Field label="Name" name="name" required />
          <Field label="Email" name="email" type="email" required />
          <label>
            Role
            <select name="role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
              {Role.options.map((option) => (
                <option key={option} value={option}>
                  {option.replace('_', ' ')}
                </option>
              ))}
            </select>
          </label>
          <label>
            Over
            <select name="node" key={role}>
              {levels.includes('org') && <option value="org">the whole org</option>}
              {levels.includes('brand') &&
                org.brands.map((option) => (
                  <option key={option.brandId} value={`brand:${option.brandId}`}>
                    brand {option.name}
                  </option>
                ))}
              {levels.includes('store') &&
                org.stores.map((option) => (
                  <option key={option.storeId} value={`store:${option.storeId}`}>
                    store {option.name}
                  </option>
                ))}
            </select>
          </label>
        </SetupForm>

        <SetupForm
          id="tax"
          title="Create tax category"
          action={tax}
          onSubmit={(form) =>
            send(runTax, async () => {
              const name = text(form, 'name');
              const rateBasisPoints = parseGstPercent(text(form, 'rate'));
              if (rateBasisPoints === null)
                throw new Error(`"${text(form, 'rate')}" is not a GST rate in percent, like 5 or 18`);
              await api.command('defineTaxCategory', {
                taxCategoryId: newId(),
                orgId: org.orgId,
                name,
                rateBasisPoints,
                hsnSac: text(form, 'hsnSac'),
                at: offsetNow(new Date()),
              });
              return `Tax category "${name}" created.`;
            })
          }
        >
          <Field label="Name" name="name" placeholder="Food 5%" required />
          <Field label="GST rate (%)" name="rate" placeholder="5" required />
          <Field label="HSN/SAC" name="hsnSac" defaultValue="996331" required />
          {catalog && catalog.taxCategories.length > 0 && (
            <p className="muted">Already: {catalog.taxCategories.map((category) => category.name).join(', ')}</p>
          )}
        </SetupForm>
      </div>
    </section>
  );
};
