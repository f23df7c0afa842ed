import { z } from 'zod';

/** The parts every operation of the OpenAPI document is built of (openapi.ts, openapi-reads.ts). */

export const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

/** A JSON answer of `schema`, the way a 200 is written. */
export const jsonResponse = (description: string, schema: object) => ({
  description,
  content: { 'application/json': { schema } },
});

export const errorResponse = (description: string) =>
  jsonResponse(description, { $ref: '#/components/schemas/ErrorBody' });

/** What any route may answer besides its own refusals: a bug, answered without its detail. */
const INTERNAL = { '500': errorResponse('An unexpected error (`INTERNAL`); its detail is only in the server log') };

/** Every route that asks for a bearer token refuses a request without a valid one before reading it. */
const UNAUTHENTICATED = {
  '401': errorResponse('No valid bearer token, or its user or register was deactivated (`AUTH.*`)'),
};

/** The error responses of a route that needs a token: its own refusals, then 401 and 500. */
export const refusals = (own: Record<string, string>) => ({
  ...Object.fromEntries(Object.entries(own).map(([status, description]) => [status, errorResponse(description)])),
  ...UNAUTHENTICATED,
  ...INTERNAL,
});

/** The error responses of a public route (no token): its own refusals, then 500. */
export const publicRefusals = (own: Record<string, string> = {}) => ({
  ...Object.fromEntries(Object.entries(own).map(([status, description]) => [status, errorResponse(description)])),
  ...INTERNAL,
});

/** Operations anyone may call: the document says no token is needed. */
export const PUBLIC = { security: [] };

type ObjectSchema = { properties?: Record<string, object>; required?: string[] };

const parametersIn = (where: 'query' | 'path', schema: z.ZodType) => {
  const json = jsonSchema(schema, 'input') as ObjectSchema;
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
};

/** A query string as OpenAPI parameters, one per property of its Zod schema. */
export const queryParameters = (schema: z.ZodType) => parametersIn('query', schema);

/** Path parameters, one per property of a Zod schema of the path's `{name}`s. */
export const pathParameters = (schema: z.ZodType) => parametersIn('path', schema);
