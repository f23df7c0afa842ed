import { readModelTables, type ColumnShape, type TableShape } from '@possier/read-models';

export const BEGIN_MARKER =
  '// BEGIN read models: generated from @possier/read-models (npm run schema:read-models); do not edit';
export const END_MARKER = '// END read models';

const PRISMA_TYPE: Record<ColumnShape['type'], string> = {
  uuid: 'String @db.Uuid',
  text: 'String',
  date: 'DateTime @db.Date',
  smallint: 'Int @db.SmallInt',
  integer: 'Int',
  bigint: 'BigInt',
  boolean: 'Boolean',
  timestamptz: 'DateTime @db.Timestamptz(6)',
};

const camel = (snake: string): string => snake.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
const pascal = (snake: string): string => camel(snake).replace(/^./, (letter) => letter.toUpperCase());

const field = (column: string, shape: ColumnShape): string => {
  const [type, ...attributes] = PRISMA_TYPE[shape.type].split(' ');
  const defaultValue =
    shape.default === undefined || shape.default === null
      ? []
      : [`@default(${typeof shape.default === 'string' ? JSON.stringify(shape.default) : String(shape.default)})`];
  return `  ${camel(column)} ${type}${shape.nullable ? '?' : ''} ${[...defaultValue, `@map("${column}")`, ...attributes].join(' ')}`;
};

const model = (table: TableShape): string =>
  [
    `model ${pascal(table.name)} {`,
    ...Object.entries(table.columns).map(([column, shape]) => field(column, shape)),
    '',
    `  @@id([${table.key.map(camel).join(', ')}])`,
    `  @@map("${table.name}")`,
    '}',
  ].join('\n');

/**
 * The Prisma models of the read-model tables, from their one declaration in
 * `@possier/read-models`, so the schema (and the migrations diffed from it) cannot drift from
 * what the projections write.
 */
export const readModelModels = (tables: ReadonlyArray<TableShape> = readModelTables): string =>
  [BEGIN_MARKER, ...tables.map(model), END_MARKER].join('\n\n');

/** schema.prisma with its read-model section replaced (or appended). */
export const withReadModels = (schema: string, tables: ReadonlyArray<TableShape> = readModelTables): string => {
  const section = readModelModels(tables);
  const begin = schema.indexOf(BEGIN_MARKER);
  const end = schema.indexOf(END_MARKER);
  if (begin < 0 || end < 0) return `${schema.trimEnd()}\n\n${section}\n`;
  return `${schema.slice(0, begin)}${section}${schema.slice(end + END_MARKER.length)}`;
};

/**
 * The SQL Prisma cannot express for the read models: CHECK constraints on enumerated text columns,
 * and row-level security keyed on the transaction's tenant (FORCE, so the table owner is held to
 * it too). Appended by hand to the migration that creates the tables.
 *
 * `nullif(…, '')`: once a session has set the tenant in any transaction, an unset tenant reads back
 * as '' rather than NULL, and ''::uuid would be an error instead of "no rows".
 */
export const readModelPolicies = (tables: ReadonlyArray<TableShape> = readModelTables): string =>
  tables
    .flatMap((table) => [
      ...Object.entries(table.columns)
        .filter(([, shape]) => shape.oneOf !== undefined)
        .map(
          ([column, shape]) =>
            `ALTER TABLE "${table.name}" ADD CONSTRAINT "${table.name}_${column}_check" CHECK ("${column}" IN (${(shape.oneOf ?? []).map((value) => `'${value}'`).join(', ')}));`,
        ),
      `ALTER TABLE "${table.name}" ENABLE ROW LEVEL SECURITY;`,
      `ALTER TABLE "${table.name}" FORCE ROW LEVEL SECURITY;`,
      `CREATE POLICY tenant_isolation ON "${table.name}" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);`,
    ])
    .join('\n');
