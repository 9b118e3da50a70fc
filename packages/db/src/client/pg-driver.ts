import { createHash } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../schema/index.ts';
import { withSavepoint } from './savepoints.ts';
import type { Db, Orm, QueryOptions, Row } from './types.ts';

export interface PgDbOptions {
  url: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Server-side limit for one statement in ms (default 30 s): a runaway query never holds a connection forever. */
  statementTimeoutMs?: number;
  /** Shown in pg_stat_activity (default 'waymark'). */
  applicationName?: string;
}

// int8 (counts, identity ids) as JS numbers: ids and counts here stay far below 2^53, and
// PGlite returns numbers too, so callers see the same types on both drivers.
const INT8_OID = 20;
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

type Queryable = pg.Pool | pg.PoolClient;

/** node-postgres prepares a named statement once per connection; the name is derived from the text, so equal texts share it. */
const preparedNames = new Map<string, string>();
function preparedName(text: string): string {
  let name = preparedNames.get(text);
  if (!name) {
    name = `wm_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    preparedNames.set(text, name);
  }
  return name;
}

/** A drizzle instance for a connection, built on first use: most engine transactions use raw SQL only. */
function lazyOrm(client: Queryable): () => Orm {
  let orm: Orm | undefined;
  return () => {
    orm ??= drizzle({ client, schema }) as unknown as Orm;
    return orm;
  };
}

function bind(client: Queryable, orm: () => Orm, inTransaction: boolean, onClose: () => Promise<void>): Db {
  const db: Db = {
    driver: 'pg',
    get orm() {
      return orm();
    },
    async query<T extends Row = Row>(
      text: string,
      values?: readonly unknown[],
      options?: QueryOptions,
    ): Promise<T[]> {
      const result = await client.query<T>({
        ...(options?.prepare && { name: preparedName(text) }),
        text,
        values: values as unknown[] | undefined,
        types: typeParsers,
      });
      return result.rows;
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (inTransaction) return withSavepoint(db, fn);
      const conn = client instanceof pg.Pool ? await client.connect() : client;
      // A connection whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
      let unusable: Error | undefined;
      try {
        await conn.query('BEGIN');
        const tx = bind(conn, lazyOrm(conn), true, onClose);
        const result = await fn(tx);
        await conn.query('COMMIT');
        return result;
      } catch (err) {
        await conn.query('ROLLBACK').catch((rollbackError: Error) => {
          unusable = rollbackError;
        });
        throw err;
      } finally {
        if (conn !== client) (conn as pg.PoolClient).release(unusable);
      }
    },
    async withConnection<T>(fn: (conn: Db) => Promise<T>): Promise<T> {
      if (!(client instanceof pg.Pool)) return fn(db);
      const conn = await client.connect();
      let broken: Error | undefined;
      try {
        return await fn(bind(conn, lazyOrm(conn), false, onClose));
      } catch (err) {
        broken = err as Error;
        throw err;
      } finally {
        // A connection that failed mid-way may still hold session state (locks): discard it.
        conn.release(broken);
      }
    },
    close: onClose,
  };
  return db;
}

/** A `Db` over a node-postgres pool. */
export function createPgDb(options: PgDbOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // A closed connection costs the next burst a new backend, its statements parsed and planned
    // again: with 30 s, the connections opened by a burst all closed together and the latency
    // bench's p99 doubled for those seconds. Idle connections stay for five minutes.
    idleTimeoutMillis: 300_000,
    connectionTimeoutMillis: 10_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    application_name: options.applicationName ?? 'waymark',
    // Named statements skip parsing, but a cached generic plan is costed once, against the table
    // sizes of that moment: a plan made while a fresh database's enrollments or messages were
    // small kept seq-scanning them at 60k rows (5 ms a step batch instead of 0.5). Planning every
    // execution for its own parameters and the tables' current sizes costs far less.
    options: '-c plan_cache_mode=force_custom_plan',
  });
  // An idle client losing its connection (server restart) must not crash the process; the pool
  // replaces it on the next checkout.
  pool.on('error', () => undefined);
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= pool.end();
    return closed;
  };
  return bind(pool, lazyOrm(pool), false, close);
}
