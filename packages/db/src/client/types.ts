import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from '../schema/index.ts';

/** The drizzle instance: typed as the common base of both drivers, so code works on pg and PGlite. */
export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Which engine sits behind a `Db`. */
export type DbDriver = 'pg' | 'pglite';

/** A raw row as returned by `Db.query`. */
export type Row = Record<string, unknown>;

export interface QueryOptions {
  /**
   * Keep the statement prepared on each connection, so Postgres plans it once instead of on every
   * call. For the engine's hot statements, whose text never changes: planning a batch join costs
   * more than running it for a handful of rows. Never for SQL built from data (conditions), which
   * would fill every connection with one-off statements. Ignored by PGlite.
   */
  prepare?: boolean;
}

/**
 * A handle on the database, the same for Postgres (node-postgres pool) and embedded PGlite.
 * `orm` and `query` run on the same connection pool; inside `transaction` both are bound to the
 * transaction's connection.
 */
export interface Db {
  readonly driver: DbDriver;
  readonly orm: Orm;
  /**
   * Runs parameterised SQL (`$1`, `$2`…) and returns the rows. Used for compiled conditions and
   * batch statements drizzle does not express. int8 values come back as JS numbers.
   */
  query<T extends Row = Row>(text: string, values?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. Calling
   * `transaction` on the handle passed to `fn` opens a savepoint.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` on one dedicated connection (session-level state such as advisory locks survives
   * between its statements). On PGlite every statement already shares the single connection.
   */
  withConnection<T>(fn: (conn: Db) => Promise<T>): Promise<T>;
  /** Closes the pool or the embedded database. Idempotent. */
  close(): Promise<void>;
}
