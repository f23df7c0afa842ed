import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  CatalogListing,
  ImportedTenderKind,
  MAX_IMPORT_BATCH,
  SalesImportBatchResponse,
  SalesImportSummary,
  SalesImportView,
  type ImportedOrder,
  type ImportOrderVerdict,
} from '@possier/events';
import { Command, Option } from 'commander';
import { callApi, readJson, type Connection } from '../api-client.js';
import { CliError, cliError } from '../cli-error.js';
import { findNamed, readOrg } from '../setup/org-client.js';
import { withConnection } from '../setup/tenancy-commands.js';
import { readSalesCsv, SALES_COLUMNS, type SalesFileOrder, type SalesRowError } from './sales-csv.js';

type ImportOptions = Connection & {
  store?: string;
  tender: ImportedTenderKind;
  pricesIncludeTax?: boolean;
  dryRun?: boolean;
  errors?: string;
  batchSize: string;
  json?: boolean;
};

/** A row error with the order it belongs to, as the report lists it. */
type ReportedError = SalesRowError & { orderNumber: string };

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const csvCell = (text: string): string => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** The error report: one CSV row per problem, in file order, that a spreadsheet opens beside the file. */
const errorReport = (errors: ReadonlyArray<ReportedError>): string =>
  [
    'line,order,field,reason',
    ...[...errors]
      .sort((a, b) => a.line - b.line)
      .map((error) => [String(error.line), error.orderNumber, error.field, error.reason].map(csvCell).join(',')),
  ].join('\n') + '\n';

/** Progress on stderr: in place on a terminal, a line per batch otherwise. */
const progress = (done: number, total: number, startedMs: number): void => {
  const seconds = (performance.now() - startedMs) / 1000;
  const rate = seconds > 0 ? Math.round(done / seconds) : 0;
  const text = `orders ${done}/${total} (${rate} orders/s)`;
  if (process.stderr.isTTY) process.stderr.write(`\r${text}${done === total ? '\n' : ''}`);
  else process.stderr.write(`${text}\n`);
};

const storeOf = async (connection: Connection, text: string | undefined) => {
  const org = await readOrg(connection);
  if (text !== undefined) return findNamed('store', org.stores, (store) => store.storeId, text, '--store');
  if (org.stores.length === 1) return org.stores[0] as (typeof org.stores)[number];
  throw cliError(
    'IMPORT.STORE_MISSING',
    '--store',
    org.stores.length === 0
      ? 'there is no store yet: create one with possier store create'
      : `name one of the ${org.stores.length} stores: ${org.stores.map((store) => store.name).join(', ')}`,
  );
};

const errorsOfVerdict = (verdict: ImportOrderVerdict): ReportedError[] =>
  verdict.verdict === 'rejected' ? verdict.errors.map((error) => ({ orderNumber: verdict.orderNumber, ...error })) : [];

const importSales = async (file: string, options: ImportOptions): Promise<void> => {
  const batchSize = Number(options.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_IMPORT_BATCH)
    throw cliError('VALIDATION.INVALID', '--batch-size', `must be a whole number from 1 to ${MAX_IMPORT_BATCH}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw cliError('IMPORT.UNREADABLE', file, (error as Error).message);
  }
  const store = await storeOf(options, options.store);
  const catalog = await readJson(
    await callApi(options, '/v1/catalog', { query: { brandId: store.brandId } }),
    CatalogListing,
  );
  const menu = catalog.items.filter((item) => item.brandId === store.brandId && item.kind === 'item');
  const sales = readSalesCsv(bytes.toString('utf8'), menu, options.tender);
  if (sales.fileErrors.length > 0)
    throw new CliError(
      sales.fileErrors.map(({ line, field, reason }) => ({
        code: 'IMPORT.INVALID_FILE',
        path: `line ${line}${field ? `, ${field}` : ''}`,
        reason,
      })),
    );
  if (sales.ignoredColumns.length > 0)
    process.stderr.write(`note: columns read past (not part of the format): ${sales.ignoredColumns.join(', ')}\n`);

  const errors: ReportedError[] = sales.orders.flatMap((order) =>
    order.errors.map((error) => ({ orderNumber: order.orderNumber, ...error })),
  );
  const refusedHere = new Set(sales.orders.filter((order) => order.order === undefined));
  const good = sales.orders.filter((order): order is SalesFileOrder & { order: ImportedOrder } => !!order.order);
  const batches: Array<typeof good> = [];
  for (let start = 0; start < good.length; start += batchSize) batches.push(good.slice(start, start + batchSize));
  const pricesIncludeTax = options.pricesIncludeTax ?? false;
  const dryRun = options.dryRun ?? false;
  const started = performance.now();
  const total = good.length;
  let done = 0;
  let accepted = 0;
  let duplicates = 0;
  let rejectedByLedger = 0;
  const linesOf = new Map(good.map((order) => [order.orderNumber, order.lines.length]));
  let failedRowsByLedger = 0;
  const count = (verdicts: ReadonlyArray<ImportOrderVerdict>) => {
    for (const verdict of verdicts) {
      if (verdict.verdict === 'accepted') accepted += 1;
      else if (verdict.verdict === 'duplicate') duplicates += 1;
      else {
        rejectedByLedger += 1;
        failedRowsByLedger += linesOf.get(verdict.orderNumber) ?? 1;
      }
      errors.push(...errorsOfVerdict(verdict));
    }
  };

  let importId: string | undefined;
  if (dryRun) {
    for (const batch of batches) {
      const response = await callApi(options, '/v1/sales-imports/check', {
        method: 'POST',
        body: { storeId: store.storeId, pricesIncludeTax, orders: batch.map((order) => order.order) },
      });
      count((await readJson(response, SalesImportBatchResponse)).verdicts);
      done += batch.length;
      progress(done, total, started);
    }
  } else {
    const view = await readJson(
      await callApi(options, '/v1/sales-imports', {
        method: 'POST',
        body: {
          storeId: store.storeId,
          fileName: basename(file),
          fileSha256: createHash('sha256').update(bytes).digest('hex'),
          rows: sales.rows,
          orders: sales.orders.length,
        },
      }),
      SalesImportView,
    );
    importId = view.importId;
    if (view.resumed)
      process.stderr.write(
        `resuming import ${importId}: the ledger holds ${plural(view.batches.length, 'batch', 'batches')} of it already\n`,
      );
    const held = new Map(view.batches.map((batch) => [`${batch.firstLine}-${batch.lastLine}`, batch]));
    for (const batch of batches) {
      const lines = batch.flatMap((order) => order.order.lines.map((line) => line.line));
      const key = `${Math.min(...lines)}-${Math.max(...lines)}`;
      const before = held.get(key);
      if (before) {
        // Held from an earlier run: what became of its orders then stands, nothing is sent again.
        duplicates += before.accepted + before.duplicates;
        const refused = new Set(before.rejected.map((error) => error.orderNumber));
        rejectedByLedger += refused.size;
        for (const orderNumber of refused) failedRowsByLedger += linesOf.get(orderNumber) ?? 1;
        errors.push(...before.rejected);
      } else if (!view.completed) {
        try {
          const response = await callApi(options, `/v1/sales-imports/${importId}/batches`, {
            method: 'POST',
            body: { pricesIncludeTax, orders: batch.map((order) => order.order) },
          });
          count((await readJson(response, SalesImportBatchResponse)).verdicts);
        } catch (error) {
          if (!(error instanceof CliError)) throw error;
          throw new CliError([
            ...error.details,
            {
              code: 'IMPORT.STOPPED',
              path: file,
              reason: `stopped after ${done} of ${total} orders (at line ${Math.min(...lines)}); run the same command again to resume: what the ledger stored is kept and not sent twice`,
            },
          ]);
        }
      }
      done += batch.length;
      progress(done, total, started);
    }
  }

  const failedOrders = refusedHere.size + rejectedByLedger;
  const failedRows = [...refusedHere].reduce((sum, order) => sum + order.lines.length, 0) + failedRowsByLedger;
  let summary: { imported: number } | undefined;
  if (importId !== undefined)
    summary = await readJson(
      await callApi(options, `/v1/sales-imports/${importId}/complete`, {
        method: 'POST',
        body: { failedOrders, failedRows },
      }),
      SalesImportSummary,
    );

  const reportFile = options.errors ?? (dryRun ? undefined : `${file}.errors.csv`);
  if (errors.length > 0 && reportFile !== undefined) await writeFile(reportFile, errorReport(errors));
  const seconds = (performance.now() - started) / 1000;
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          importId: importId ?? null,
          storeId: store.storeId,
          dryRun,
          rows: sales.rows,
          orders: sales.orders.length,
          accepted,
          duplicates,
          imported: summary?.imported ?? null,
          failedOrders,
          failedRows,
          errors: [...errors].sort((a, b) => a.line - b.line),
          errorReport: errors.length > 0 ? (reportFile ?? null) : null,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const verb = dryRun ? 'would import' : 'imported';
    process.stdout.write(
      `${verb} ${plural(accepted, 'order')} into ${store.name}` +
        `${duplicates > 0 ? `, ${plural(duplicates, 'order')} already there from an earlier run` : ''}` +
        ` (${sales.orders.length} in the file, ${sales.rows} rows, ${seconds.toFixed(1)} s)` +
        `${failedOrders > 0 ? `; ${plural(failedOrders, 'order')} (${plural(failedRows, 'row')}) not imported` : ''}` +
        `${dryRun ? ' (dry run: nothing was stored)' : ''}\n`,
    );
  }
  if (errors.length > 0) {
    const shown = [...errors].sort((a, b) => a.line - b.line).slice(0, 20);
    throw new CliError([
      ...shown.map(({ line, field, reason }) => ({
        code: 'IMPORT.INVALID_ROW',
        path: `line ${line}, ${field}`,
        reason,
      })),
      {
        code: 'IMPORT.NOT_IMPORTED',
        path: file,
        reason: `${plural(failedOrders, 'order')} not imported${errors.length > shown.length ? ` (${errors.length - shown.length} more errors)` : ''}${reportFile ? `; every error is in ${reportFile}` : ''}`,
      },
    ]);
  }
};

/** `possier import sales <csv>`. */
export const importCommand = (): Command => {
  const command = new Command('import').description('Bring past sales in from another point of sale');
  withConnection(
    command
      .command('sales')
      .description(
        [
          `Import past orders from a CSV file, one row per order line (columns: ${SALES_COLUMNS}; other columns are read past).`,
          'order: the other system’s order number; date YYYY-MM-DD and time HH:MM[:SS] on the store’s clock (its time zone gives the offset);',
          'item: the name exactly as on the brand’s menu (any case), or with a size column "Name (Size)";',
          'quantity: a whole number above zero; unit_price: what one unit was charged then, in whole paise (minor units), before GST unless --prices-include-tax;',
          'tender: cash, card, upi or wallet (default --tender). Totals and GST are computed by the ledger, as at a checkout.',
          'An order with a bad row is left out whole; every error (line, column, reason) is printed and written to <csv>.errors.csv (or --errors).',
          'Each order is stored once: running the same file again resumes the import, skipping what the ledger holds.',
          'Owners only; a register token is refused.',
        ].join(' '),
      )
      .argument('<csv>', 'the sales file')
      .option('--store <store>', 'the store the sales were made in (name or id); may be left out when there is one')
      .addOption(
        new Option('--tender <kind>', 'how an order was paid when its row does not say')
          .choices(ImportedTenderKind.options)
          .default('cash'),
      )
      .option('--prices-include-tax', 'the unit prices include GST (default: GST is added on top)')
      .option('--dry-run', 'check every row with the ledger, storing nothing')
      .option('--errors <file>', 'where to write the error report (default: <csv>.errors.csv)')
      .option('--batch-size <orders>', `orders per request, 1 to ${MAX_IMPORT_BATCH}`, '200')
      .option('--json', 'print the outcome as JSON'),
  ).action(importSales);
  return command;
};
