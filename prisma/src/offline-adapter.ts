import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
} from '@prisma/driver-adapter-utils';

/** The PostgreSQL the engine is told it faces: the version every machine here runs (DESIGN.md). */
const POSTGRES_VERSION = { text: 'PostgreSQL 15.0 (possier offline schema engine)', number: 150000 };

export class OfflineSchemaEngineError extends Error {
  override readonly name = 'OfflineSchemaEngineError';
}

const refuse = (what: string): never => {
  throw new OfflineSchemaEngineError(
    `the offline schema engine has no database, so it cannot ${what}; only schema-to-schema diffs work offline`,
  );
};

/**
 * A driver adapter with no database behind it, for the schema engine's schema-to-schema `diff`.
 * The engine connects when it is created and asks one question — does the schema exist, which
 * server version is this — before it does anything else; this adapter answers that question and
 * refuses every other query, so a command that really needs a database fails loudly instead of
 * acting on an invented one. Coupled to the pinned engine version: a newer engine that asks
 * something else at start-up fails here, and diff.unit.spec.ts says so.
 */
export const offlineAdapterFactory = (): SqlMigrationAwareDriverAdapterFactory => {
  const adapter: SqlDriverAdapter = {
    provider: 'postgres',
    adapterName: 'possier-offline',
    queryRaw: async (query: SqlQuery): Promise<SqlResultSet> => {
      if (/^SELECT EXISTS\(SELECT 1 FROM pg_namespace WHERE nspname = \$1\), version\(\)/.test(query.sql)) {
        return {
          columnNames: ['exists', 'version', 'numeric_version'],
          columnTypes: [5, 7, 0], // Boolean, Text, Int32 (ColumnTypeEnum)
          rows: [[true, POSTGRES_VERSION.text, POSTGRES_VERSION.number]],
        };
      }
      return refuse(`run ${query.sql.slice(0, 80)}`);
    },
    executeRaw: async (query: SqlQuery) => refuse(`run ${query.sql.slice(0, 80)}`),
    executeScript: async () => refuse('run a script'),
    startTransaction: async () => refuse('open a transaction'),
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: async () => {},
  };
  return {
    provider: 'postgres',
    adapterName: 'possier-offline',
    connect: async () => adapter,
    connectToShadowDb: async () => refuse('create a shadow database'),
  };
};
