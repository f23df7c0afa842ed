import type { PGlite, Results, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';

/**
 * The part of a PGlite database the adapters use. Structural, so a database opened through another
 * copy of the package (`@possier/prisma` opens and migrates it) fits.
 */
export type PgliteSession = Pick<PGlite, 'transaction' | 'listen'>;

type QueryInput = string | { text: string; values?: unknown[] };
type QueryResultLike = { rows: unknown[]; rowCount: number; command: string; fields: Results['fields'] };

const toPgResult = (result: Results): QueryResultLike => ({
  rows: result.rows,
  rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length,
  command: result.command ?? '',
  fields: result.fields,
});

const run = async (
  target: Pick<Transaction, 'query' | 'exec'>,
  input: QueryInput,
  values?: unknown[],
): Promise<QueryResultLike | QueryResultLike[]> => {
  const text = typeof input === 'string' ? input : input.text;
  const params = (typeof input === 'string' ? values : input.values) ?? [];
  // Like pg: without parameters the simple protocol runs, so a migration's many statements pass.
  if (params.length === 0) {
    const results = (await target.exec(text)).map(toPgResult);
    return results.length === 1 ? (results[0] as QueryResultLike) : results;
  }
  return toPgResult(await target.query(text, params));
};

/**
 * The part of a `pg.Pool` this product uses (query, connect/release, end), over one PGlite
 * database, so every adapter written against pg runs unchanged in embedded mode.
 *
 * PGlite is a single session. A checked-out client therefore holds PGlite's transaction lock from
 * `connect()` to `release()`: whatever it runs (BEGIN … COMMIT included) is never interleaved with
 * another caller, and pool queries wait meanwhile. The caveat is the one of a pool of size one: code
 * that holds a client and awaits a pool query before releasing it would wait forever.
 */
export class PglitePool {
  private ended = false;

  constructor(readonly db: PgliteSession) {}

  query(input: QueryInput, values?: unknown[]): Promise<QueryResultLike> {
    return this.db.transaction(async (tx) => {
      // PGlite wrapped the call in BEGIN; end it so the statement autocommits as it would over pg.
      await tx.exec('COMMIT');
      return (await run(tx, input, values)) as QueryResultLike;
    });
  }

  async connect(): Promise<PglitePoolClient> {
    return new Promise((resolveClient, rejectClient) => {
      this.db
        .transaction(async (tx) => {
          await tx.exec('COMMIT');
          await new Promise<void>((release) => resolveClient(new PglitePoolClient(tx, release)));
          // A client released inside a transaction it left open: roll it back, as pg's server would on disconnect.
          await tx.exec('ROLLBACK');
        })
        .catch(rejectClient);
    });
  }

  on(): this {
    return this;
  }

  get totalCount(): number {
    return 1;
  }

  get idleCount(): number {
    return 1;
  }

  get waitingCount(): number {
    return 0;
  }

  async end(): Promise<void> {
    this.ended = true;
  }

  get closed(): boolean {
    return this.ended;
  }
}

export class PglitePoolClient {
  private released = false;

  constructor(
    private readonly tx: Transaction,
    private readonly onRelease: () => void,
  ) {}

  query(input: QueryInput, values?: unknown[]): Promise<QueryResultLike> {
    return run(this.tx, input, values) as Promise<QueryResultLike>;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.onRelease();
  }

  on(): this {
    return this;
  }
}

/** The shim typed as the pg pool the adapters take; see `PglitePool` for what it covers. */
export const pglitePool = (db: PgliteSession): pg.Pool => new PglitePool(db) as unknown as pg.Pool;
