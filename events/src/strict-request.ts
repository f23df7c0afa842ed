import { z } from 'zod';

type AnySchema = z.core.$ZodType;

const cloneWith = <Schema extends AnySchema>(schema: Schema, def: Record<string, unknown>): Schema =>
  (schema as unknown as { clone: (def: unknown) => Schema }).clone({ ...schema._zod.def, ...def });

/**
 * The same schema, refusing members it does not declare at every level (`data.extra`,
 * `data.lines.0.note`) instead of dropping them, the way `.strict()` does for one object.
 *
 * Why a copy rather than strict schemas everywhere: what a client sends must name only fields the
 * server reads, or a misspelt or retired field (`cashTakings` the server now counts itself) would
 * be dropped without a word; but the same object schemas also describe stored events and internal
 * commands, which must keep reading events written when they had a field more. Checks and
 * refinements are kept (a clone keeps its definition's checks); a lazy schema or an intersection
 * (whose sides each see only part of the members) is left as it is.
 */
export const strictRequest = <Schema extends AnySchema>(schema: Schema): Schema => {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case 'object': {
      const shape = (def as unknown as z.core.$ZodObjectDef).shape;
      return cloneWith(schema, {
        shape: Object.fromEntries(Object.entries(shape).map(([key, member]) => [key, strictRequest(member)])),
        catchall: z.never(),
      });
    }
    case 'array':
      return cloneWith(schema, { element: strictRequest(def.element as AnySchema) });
    case 'tuple':
      return cloneWith(schema, {
        items: (def.items as AnySchema[]).map((item) => strictRequest(item)),
        rest: def.rest ? strictRequest(def.rest as AnySchema) : def.rest,
      });
    case 'record':
      return cloneWith(schema, { valueType: strictRequest(def.valueType as AnySchema) });
    case 'union':
      return cloneWith(schema, { options: (def.options as AnySchema[]).map((option) => strictRequest(option)) });
    case 'pipe':
      return cloneWith(schema, { in: strictRequest(def.in as AnySchema) });
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return cloneWith(schema, { innerType: strictRequest(def.innerType as AnySchema) });
    default:
      return schema;
  }
};
