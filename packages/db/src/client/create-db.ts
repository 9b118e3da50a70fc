import { join } from 'node:path';
import { createPgDb } from './pg-driver.ts';
import { createPgliteDb } from './pglite-driver.ts';
import type { Db } from './types.ts';

export interface CreateDbOptions {
  /** Postgres URL. When absent the embedded PGlite database is used. */
  url?: string | undefined;
  /** Data directory: PGlite keeps its files in `<dataDir>/pglite`. Without it (and without url) PGlite runs in memory. */
  dataDir?: string | undefined;
  /** Pool size for Postgres (default 10). */
  poolSize?: number;
  /** Per-statement timeout for Postgres in ms (default 30 000). */
  statementTimeoutMs?: number;
}

/**
 * Opens the database: a node-postgres pool when `url` is given, otherwise embedded PGlite under
 * `<dataDir>/pglite`. Both come behind the same `Db` interface. Call `migrate(db)` before use.
 */
export async function createDb(options: CreateDbOptions = {}): Promise<Db> {
  if (options.url) {
    const db = createPgDb({
      url: options.url,
      ...(options.poolSize !== undefined && { poolSize: options.poolSize }),
      ...(options.statementTimeoutMs !== undefined && { statementTimeoutMs: options.statementTimeoutMs }),
    });
    // Fail at start-up with the real reason (wrong host, password, database) rather than on the first request.
    try {
      await db.query('SELECT 1');
    } catch (err) {
      await db.close();
      throw new Error(
        `Cannot connect to PostgreSQL at ${redactUrl(options.url)}: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    return db;
  }
  return createPgliteDb(options.dataDir ? { dataDir: join(options.dataDir, 'pglite') } : {});
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
