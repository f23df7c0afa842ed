import {
  CompleteSalesImportRequest,
  SalesImportBatchRequest,
  SalesImportBatchResponse,
  SalesImportCheckRequest,
  SalesImportSummary,
  SalesImportView,
  StartSalesImportRequest,
} from '@possier/events';
import { z } from 'zod';
import { jsonResponse, jsonSchema, pathParameters, refusals } from './openapi-parts.js';

const ImportParams = z.object({ importId: z.uuid() });

const REFUSED = {
  '400': 'The request is malformed (every failing field is listed), or its body is not JSON',
  '403': 'Not the org’s owner (a register token is always refused)',
  '404': 'No such import in this org',
  '413': 'The body is larger than the route’s limit (`REQUEST.TOO_LARGE`)',
  '422': 'The import is complete, or the store is not the org’s',
  '429': 'The caller sent more requests than its command limit allows (`REQUEST.RATE_LIMITED`)',
};

const operation = (
  operationId: string,
  summary: string,
  body: z.ZodType,
  answer: { description: string; schema: z.ZodType },
  withImportId: boolean,
) => ({
  post: {
    operationId,
    tags: ['Imports'],
    summary,
    ...(withImportId ? { parameters: pathParameters(ImportParams) } : {}),
    requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(body, 'input') } } },
    responses: {
      '200': jsonResponse(answer.description, jsonSchema(answer.schema, 'output')),
      ...refusals(REFUSED),
    },
  },
});

const withoutImportId = <Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) =>
  schema.omit({ importId: true } as never);

/** `possier import sales`: past orders from another point of sale, brought in by the org's owner. */
export const importPaths = () => ({
  '/v1/sales-imports': operation(
    'startSalesImport',
    'Begin, or resume, importing a file of past sales into a store; lists the batches already held',
    StartSalesImportRequest,
    { description: 'The import (its id derived from the org, store and file hash)', schema: SalesImportView },
    false,
  ),
  '/v1/sales-imports/check': operation(
    'checkSalesImport',
    'Judge orders of a file as an import would, storing nothing (a dry run)',
    SalesImportCheckRequest,
    { description: 'A verdict per order', schema: SalesImportBatchResponse },
    false,
  ),
  '/v1/sales-imports/{importId}/batches': operation(
    'importSalesBatch',
    'Judge and store a batch of an import’s orders, each marked as imported, at its own date and time',
    withoutImportId(SalesImportBatchRequest),
    {
      description: 'A verdict per order: accepted, duplicate (stored before) or rejected',
      schema: SalesImportBatchResponse,
    },
    true,
  ),
  '/v1/sales-imports/{importId}/complete': operation(
    'completeSalesImport',
    'Record that an import is complete, with what it came to',
    withoutImportId(CompleteSalesImportRequest),
    { description: 'Orders imported and refused over every run of the import', schema: SalesImportSummary },
    true,
  ),
});
