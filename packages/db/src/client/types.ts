import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from '../schema/index.ts';

/** The drizzle instance: typed as the common base of both drivers, so code works on pg and PGlite. */
export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Which engine sits behind a `Db`. */
export type DbDriver = 'pg' | 'pglite';

/** A raw row as returned by `Db.query`. */
export type Row = Record<string, unknown>;

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
  query<T extends Row = Row>(text: string, values?: readonly unknown[]): Promise<T[]>;
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
