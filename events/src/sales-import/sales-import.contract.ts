import { z } from 'zod';
import { Uuid } from '../ids.js';
import { ImportedOrder } from './imported-order.js';
import { ImportRowError } from './sales-import.events.js';

/** At most this many orders in one batch of an import (a month of a busy store is a few dozen batches). */
export const MAX_IMPORT_BATCH = 500;

/** `POST /v1/sales-imports`: begin (or resume) importing a file of past sales into a store. */
export const StartSalesImportRequest = z.strictObject({
  storeId: Uuid,
  fileName: z.string().trim().min(1).max(255),
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be the file’s SHA-256 in lower-case hex' }),
  rows: z.number().int().nonnegative(),
  orders: z.number().int().nonnegative(),
});
export type StartSalesImportRequest = z.infer<typeof StartSalesImportRequest>;

/** A batch the ledger already holds: the file lines it spans and what became of its orders. */
export const HeldImportBatch = z.object({
  firstLine: z.number().int().positive(),
  lastLine: z.number().int().positive(),
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  stored: z.array(z.string()),
  rejected: z.array(ImportRowError),
});
export type HeldImportBatch = z.infer<typeof HeldImportBatch>;

/**
 * The import of that file into that store, whose id is derived from the two (the same file
 * resumes the same import): whether it was begun now or before, and the batches already held,
 * which a resumed import need not send again.
 */
export const SalesImportView = z.object({
  importId: Uuid,
  storeId: Uuid,
  resumed: z.boolean(),
  completed: z.boolean(),
  batches: z.array(HeldImportBatch),
});
export type SalesImportView = z.infer<typeof SalesImportView>;

const Orders = z.array(ImportedOrder).min(1).max(MAX_IMPORT_BATCH);

/** `POST /v1/sales-imports/{importId}/batches`: some of the file's orders, in file order. */
export const SalesImportBatchRequest = z.strictObject({
  importId: Uuid,
  /** The import file's prices include GST (default: GST is added on top, as the menu's are). */
  pricesIncludeTax: z.boolean().default(false),
  orders: Orders,
});
export type SalesImportBatchRequest = z.infer<typeof SalesImportBatchRequest>;

/** `POST /v1/sales-imports/check`: the same judgement for a store, storing nothing (a dry run). */
export const SalesImportCheckRequest = z.strictObject({
  storeId: Uuid,
  pricesIncludeTax: z.boolean().default(false),
  orders: Orders,
});
export type SalesImportCheckRequest = z.infer<typeof SalesImportCheckRequest>;

/** What became of one order: stored now, stored before (by an earlier run), or refused with where and why. */
export const ImportOrderVerdict = z.discriminatedUnion('verdict', [
  z.object({ orderNumber: z.string(), verdict: z.literal('accepted'), orderId: Uuid }),
  z.object({ orderNumber: z.string(), verdict: z.literal('duplicate'), orderId: Uuid }),
  z.object({
    orderNumber: z.string(),
    verdict: z.literal('rejected'),
    errors: z.array(z.object({ line: z.number().int(), field: z.string(), reason: z.string() })).min(1),
  }),
]);
export type ImportOrderVerdict = z.infer<typeof ImportOrderVerdict>;

export const SalesImportBatchResponse = z.object({ verdicts: z.array(ImportOrderVerdict) });
export type SalesImportBatchResponse = z.infer<typeof SalesImportBatchResponse>;

/** `POST /v1/sales-imports/{importId}/complete`: the importer is done; what it refused itself. */
export const CompleteSalesImportRequest = z.strictObject({
  importId: Uuid,
  /** Orders of the file refused in all (by the importer's checks and the ledger's). */
  failedOrders: z.number().int().nonnegative(),
  failedRows: z.number().int().nonnegative(),
});
export type CompleteSalesImportRequest = z.infer<typeof CompleteSalesImportRequest>;

export const SalesImportSummary = z.object({
  importId: Uuid,
  imported: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});
export type SalesImportSummary = z.infer<typeof SalesImportSummary>;
