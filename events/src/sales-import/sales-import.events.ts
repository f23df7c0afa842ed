import { z } from 'zod';
import type { EventDefinition } from '../event-registry.js';

/** The stream of one import: the file, who brought it in, and what it came to. */
export const salesImportStreamId = (importId: string): string => `sales_import-${importId}`;

const Counts = {
  rows: z.number().int().nonnegative(),
  orders: z.number().int().nonnegative(),
};

/** An owner began importing a file of past sales into a store. */
export const SalesImportStarted = z.object({
  type: z.literal('SalesImportStarted'),
  data: z.object({
    importId: z.uuid(),
    storeId: z.uuid(),
    /** The file's name as given, without its folder. */
    fileName: z.string().min(1).max(255),
    /** SHA-256 of the file's bytes, hex: the import is of exactly this file. */
    fileSha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** The file's order lines and orders, as the importer counted them (rows with errors included). */
    ...Counts,
  }),
});
export type SalesImportStarted = z.infer<typeof SalesImportStarted>;

/** One reason an order of the file was not imported: the file line and column, and why. */
export const ImportRowError = z.object({
  orderNumber: z.string(),
  line: z.number().int().nonnegative(),
  field: z.string(),
  reason: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

/**
 * A batch of the file's orders was judged and stored: the lines it spans (what a resumed import
 * recognises it by), how many orders were stored now, how many were there already, and why the
 * others were refused.
 */
export const SalesImportBatchRecorded = z.object({
  type: z.literal('SalesImportBatchRecorded'),
  data: z.object({
    importId: z.uuid(),
    firstLine: z.number().int().positive(),
    lastLine: z.number().int().positive(),
    accepted: z.number().int().nonnegative(),
    duplicates: z.number().int().nonnegative(),
    /** The order numbers now stored (accepted or already there): what the import counts as imported. */
    stored: z.array(z.string()),
    rejected: z.array(ImportRowError),
  }),
});
export type SalesImportBatchRecorded = z.infer<typeof SalesImportBatchRecorded>;

/** The importer finished sending the file: what the import came to, over every run of it. */
export const SalesImportCompleted = z.object({
  type: z.literal('SalesImportCompleted'),
  data: z.object({
    importId: z.uuid(),
    /** Orders of the file stored by this import (in any of its runs). */
    imported: z.number().int().nonnegative(),
    /** Orders the file held that were refused, by the importer or the ledger. */
    failed: z.number().int().nonnegative(),
    /** Rows of the refused orders. */
    failedRows: z.number().int().nonnegative(),
  }),
});
export type SalesImportCompleted = z.infer<typeof SalesImportCompleted>;

export type SalesImportEvent = SalesImportStarted | SalesImportBatchRecorded | SalesImportCompleted;

export const salesImportEventDefinitions: EventDefinition[] = [
  { schema: SalesImportStarted, schemaVersion: 1 },
  { schema: SalesImportBatchRecorded, schemaVersion: 1 },
  { schema: SalesImportCompleted, schemaVersion: 1 },
];
