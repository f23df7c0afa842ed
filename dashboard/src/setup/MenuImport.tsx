import { sha256 } from '@noble/hashes/sha2.js';
import { formatRupees, type CatalogListing } from '@possier/events';
import { useState } from 'react';
import { ApiError } from '../api/api-error';
import { offsetNow, type LedgerApi } from '../api/ledger-api';
import { ActionNote } from './ActionNote';
import { menuCommands } from '@possier/events';
import { judgeMenu, type MenuJudgement } from './menu-import';
import { useAction } from './use-action';

type Props = {
  api: LedgerApi;
  orgId: string;
  brands: ReadonlyArray<{ brandId: string; name: string }>;
  catalog: CatalogListing;
  onChanged: () => void;
};

const ACTION_WORDS = { add: 'add', price: 'new price', tax: 'new tax category' } as const;

/**
 * A brand's menu, and a CSV import into it. "Check" reads the file and plans it against the menu
 * as listed, sending nothing; "Import" reads the menu again, checks the file again and sends the
 * plan only when no row is bad — one bad row and nothing is sent.
 */
export const MenuImport = ({ api, orgId, brands, catalog, onChanged }: Props) => {
  const [brandId, setBrandId] = useState(brands[0]?.brandId ?? '');
  const [csv, setCsv] = useState('');
  const [pricesIncludeTax, setPricesIncludeTax] = useState(false);
  const [judged, setJudged] = useState<MenuJudgement | null>(null);
  const [action, run] = useAction();
  const categories = new Map(catalog.taxCategories.map((category) => [category.taxCategoryId, category]));
  const items = catalog.items.filter((item) => item.brandId === brandId).sort((a, b) => a.name.localeCompare(b.name));

  const check = () => setJudged(judgeMenu(csv, catalog, brandId, pricesIncludeTax));
  const apply = () =>
    void run(async () => {
      const fresh = judgeMenu(csv, await api.catalog(), brandId, pricesIncludeTax);
      setJudged(fresh);
      if (fresh.kind === 'invalid')
        throw new Error(`nothing was imported: ${fresh.errors.length} bad row${fresh.errors.length === 1 ? '' : 's'}`);
      const at = offsetNow(new Date());
      let sent = 0;
      for (const change of fresh.plan.changes) {
        const { commands, ifDefined } = menuCommands(change, { orgId, brandId, sha256 }, pricesIncludeTax, at);
        try {
          for (const command of commands) {
            try {
              await api.command(command.name, command.data);
            } catch (error) {
              if (!(error instanceof ApiError && error.code === 'CATALOG.ITEM_ALREADY_DEFINED')) throw error;
              for (const instead of ifDefined) await api.command(instead.name, instead.data);
            }
          }
        } catch (error) {
          const reason = error instanceof ApiError ? error.reason : String(error);
          onChanged();
          throw new Error(
            `line ${change.row.line}: ${reason}; stopped after ${sent} of ${fresh.plan.changes.length} changes — import the file again to send the rest`,
          );
        }
        sent += 1;
      }
      onChanged();
      setJudged(null);
      return `Imported: ${sent} change${sent === 1 ? '' : 's'} sent; ${fresh.plan.unchanged} item${fresh.plan.unchanged === 1 ? '' : 's'} already as the file says.`;
    });

  return (
    <section className="panel wide" data-testid="setup-menu">
      <h2>Menu</h2>
      <label className="field">
        Brand{' '}
        <select value={brandId} onChange={(event) => (setBrandId(event.target.value), setJudged(null))}>
          {brands.map((brand) => (
            <option key={brand.brandId} value={brand.brandId}>
              {brand.name}
            </option>
          ))}
        </select>
      </label>
      <table data-testid="menu-items">
        <thead>
          <tr>
            <th>Item</th>
            <th className="num">Price</th>
            <th>Tax category</th>
            <th>HSN/SAC</th>
            <th>On sale</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const category = categories.get(item.taxCategoryId);
            return (
              <tr key={item.itemId} data-testid={`menu-item-${item.name}`}>
                <td>{item.name}</td>
                <td className="num">
                  {formatRupees(item.unitPricePaise)}
                  {item.priceIncludesTax ? ' incl. GST' : ''}
                </td>
                <td>{category?.name ?? ''}</td>
                <td>{item.hsnSac ?? category?.hsnSac ?? ''}</td>
                <td>{item.active ? 'yes' : 'no'}</td>
              </tr>
            );
          })}
          {items.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No items yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>

      <h3>Import from CSV</h3>
      <p className="muted">
        Columns: name, category, price (rupees, like 120 or 120.50), tax category (by name), HSN/SAC. Items are matched
        by name: importing again changes only what differs, and items the file does not name are left as they are.
      </p>
      <input
        type="file"
        accept=".csv,text/csv"
        aria-label="Menu file"
        data-testid="menu-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void file.text().then((content) => (setCsv(content), setJudged(null)));
        }}
      />
      <textarea
        rows={6}
        value={csv}
        aria-label="Menu CSV"
        data-testid="menu-csv"
        spellCheck={false}
        placeholder={'name,category,price,tax category,hsn/sac\nMasala Dosa,Mains,120,Food 5%,'}
        onChange={(event) => (setCsv(event.target.value), setJudged(null))}
      />
      <label>
        <input
          type="checkbox"
          checked={pricesIncludeTax}
          onChange={(event) => setPricesIncludeTax(event.target.checked)}
        />{' '}
        Prices include GST
      </label>
      <div className="actions">
        <button type="button" onClick={check} disabled={csv.trim() === ''} data-testid="menu-check">
          Check (dry run)
        </button>
        <button
          type="button"
          onClick={apply}
          disabled={judged?.kind !== 'plan' || judged.plan.changes.length === 0 || action.state === 'running'}
          data-testid="menu-apply"
        >
          Import
        </button>
      </div>
      {judged?.kind === 'invalid' && (
        <div role="alert" data-testid="menu-errors">
          <p className="error">
            Nothing can be imported: {judged.errors.length} bad row{judged.errors.length === 1 ? '' : 's'}. Fix the file
            and check again.
          </p>
          <ul>
            {judged.errors.map((error, index) => (
              <li key={index} data-testid="menu-error">
                Line {error.line}
                {error.field ? `, ${error.field}` : ''}: {error.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {judged?.kind === 'plan' && (
        <div data-testid="menu-plan">
          {judged.plan.changes.some((change) => change.row.category !== '') && (
            <p className="muted">The category column is checked but not stored: items have no menu section yet.</p>
          )}
          <p>
            Would change {judged.plan.changes.length} thing{judged.plan.changes.length === 1 ? '' : 's'};{' '}
            {judged.plan.unchanged} already as the file says; {judged.plan.untouched} item
            {judged.plan.untouched === 1 ? '' : 's'} of the menu not in the file left as they are.
          </p>
          {judged.plan.changes.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th className="num">Line</th>
                  <th>Item</th>
                  <th>Change</th>
                  <th className="num">Price</th>
                  <th>Tax category</th>
                </tr>
              </thead>
              <tbody>
                {judged.plan.changes.map((change, index) => (
                  <tr key={index} data-testid="menu-change">
                    <td className="num">{change.row.line}</td>
                    <td>{change.row.name}</td>
                    <td>{ACTION_WORDS[change.action]}</td>
                    <td className="num">{formatRupees(change.row.pricePaise)}</td>
                    <td>
                      {change.row.taxCategory.name} {change.row.hsnSac ?? change.row.taxCategory.hsnSac}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      <ActionNote action={action} testId="menu-note" />
    </section>
  );
};
