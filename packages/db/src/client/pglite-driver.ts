import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import * as schema from '../schema/index.ts';
import { withSavepoint } from './savepoints.ts';
import type { Db, Orm, Row } from './types.ts';

export interface PgliteDbOptions {
  /** Directory of the database files; omit for an in-memory database (tests). */
  dataDir?: string;
}

function bind(client: PGlite | Transaction, inTransaction: boolean, close: () => Promise<void>): Db {
  const orm = drizzle({ client: client as PGlite, schema }) as unknown as Orm;
  const db: Db = {
    driver: 'pglite',
    orm,
    async query<T extends Row = Row>(text: string, values?: readonly unknown[]): Promise<T[]> {
      const result = await client.query<T>(text, values as unknown[] | undefined);
      return result.rows;
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (inTransaction) return withSavepoint(db, fn);
      // PGlite's own transaction holds its mutex, so no other statement interleaves.
      return (client as PGlite).transaction((tx) => fn(bind(tx, true, close)));
    },
    withConnection: (fn) => fn(db),
    close,
  };
  return db;
}

/** A `Db` over an embedded PGlite database, file-backed when `dataDir` is given. */
export async function createPgliteDb(options: PgliteDbOptions = {}): Promise<Db> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir);
  let closed: Promise<void> | undefined;
  return bind(pglite, false, () => {
    closed ??= pglite.closed ? Promise.resolve() : pglite.close();
    return closed;
  });
}
