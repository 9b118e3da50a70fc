import type { Db } from '../client/types.ts';
import { type MigrationFile, migrationsDir, readMigrationFiles } from './migration-files.ts';

/** What one `migrate` run did. */
export interface MigrateResult {
  /** Migrations applied by this run, in order. */
  applied: string[];
  /** Migrations found already applied. */
  alreadyApplied: string[];
  /** Migrations recorded in the database that this code does not know (a newer version ran). */
  unknown: string[];
}

export interface MigrateOptions {
  /** Folder with drizzle-kit's SQL and meta/_journal.json (default: the repository's migrations/). */
  dir?: string;
}

// Arbitrary but fixed: every Waymark process contends for the same session-level lock.
const LOCK_CLASS = 0x57a7;
const LOCK_ID = 1;

// PGlite has one connection, where a session-level advisory lock is re-entrant and would not keep
// two concurrent runs in the same process apart; this queue does.
const inProcessRuns = new WeakMap<object, Promise<unknown>>();

/**
 * Applies every migration not yet applied, each in its own transaction, recording it in
 * `waymark_migrations` with its checksum. Holds a Postgres advisory lock for the whole run, so
 * processes starting at the same time apply each migration exactly once. Running again is a no-op.
 * @throws when an applied migration's file has changed since (migrations are append-only).
 */
export async function migrate(db: Db, options: MigrateOptions = {}): Promise<MigrateResult> {
  const files = await readMigrationFiles(options.dir ?? migrationsDir);
  const key = db.orm;
  const previous = inProcessRuns.get(key) ?? Promise.resolve();
  const run = previous
    .catch(() => undefined)
    .then(() => db.withConnection((conn) => migrateLocked(conn, files)));
  inProcessRuns.set(key, run);
  return run;
}

async function migrateLocked(conn: Db, files: MigrationFile[]): Promise<MigrateResult> {
  // Index builds on large tables may outlast the pool's statement timeout, and so may waiting for
  // another process's run; RESET restores the connection's default afterwards.
  await conn.query('SET statement_timeout = 0');
  await conn.query('SELECT pg_advisory_lock($1, $2)', [LOCK_CLASS, LOCK_ID]);
  try {
    await conn.query(`CREATE TABLE IF NOT EXISTS waymark_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await conn.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM waymark_migrations',
    );
    const recorded = new Map(rows.map((r) => [r.name, r.checksum]));
    const result: MigrateResult = { applied: [], alreadyApplied: [], unknown: [] };
    for (const file of files) {
      const checksum = recorded.get(file.name);
      if (checksum === undefined) continue;
      if (checksum !== file.checksum) {
        throw new Error(
          `Migration ${file.name} was changed after it was applied to this database. Applied migrations must never be edited: restore the file and add a new migration instead.`,
        );
      }
      result.alreadyApplied.push(file.name);
    }
    const known = new Set(files.map((f) => f.name));
    result.unknown = [...recorded.keys()].filter((name) => !known.has(name)).sort();
    for (const file of files) {
      if (recorded.has(file.name)) continue;
      await conn.transaction(async (tx) => {
        for (const statement of file.statements) {
          try {
            await tx.query(statement);
          } catch (err) {
            throw new Error(
              `Migration ${file.name} failed: ${(err as Error).message}\nStatement: ${statement}`,
              {
                cause: err,
              },
            );
          }
        }
        await tx.query('INSERT INTO waymark_migrations (name, checksum) VALUES ($1, $2)', [
          file.name,
          file.checksum,
        ]);
      });
      result.applied.push(file.name);
    }
    return result;
  } finally {
    await conn.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, LOCK_ID]);
    await conn.query('RESET statement_timeout');
  }
}
