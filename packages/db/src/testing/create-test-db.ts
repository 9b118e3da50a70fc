import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb } from '../client/create-db.ts';
import type { Db } from '../client/types.ts';
import { migrate } from '../migrate/migrate.ts';

/** A fresh, migrated database that belongs to one test file. */
export interface TestDb {
  db: Db;
  /** Connection URL of the new database (for a second pool, pg_dump, a server under test). */
  url: string;
  /** Database name, `waymark_test_<random>`. */
  name: string;
  /** Closes `db` and drops the database (terminating any connection still open on it). */
  drop(): Promise<void>;
}

/** The admin URL test databases are created from. */
export function testAdminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/**
 * Creates a uniquely named Postgres database, applies the migrations and returns a `Db` on it.
 * Call in `beforeAll` and `drop()` in `afterAll`, so test files run in parallel without sharing data.
 */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  const adminUrl = testAdminUrl();
  const name = `waymark_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await createDb({ url: url.toString(), poolSize: 5 });
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await db.close();
    await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  try {
    if (options.migrate !== false) await migrate(db);
  } catch (err) {
    await drop();
    throw err;
  }
  return { db, url: url.toString(), name, drop };
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
