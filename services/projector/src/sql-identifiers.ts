import type { ColumnType } from '@possier/read-models';

/** The Postgres type every declared column type is cast to, so a parameter never relies on inference. */
export const CAST: Record<ColumnType, string> = {
  uuid: 'uuid',
  text: 'text',
  date: 'date',
  smallint: 'smallint',
  integer: 'integer',
  bigint: 'bigint',
  boolean: 'boolean',
  timestamptz: 'timestamptz',
};

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Table and column names come from the read-model declarations; anything else is refused, never quoted into SQL. */
export const ident = (name: string): string => {
  if (!IDENTIFIER.test(name)) throw new Error(`not a read-model identifier: ${name}`);
  return name;
};
