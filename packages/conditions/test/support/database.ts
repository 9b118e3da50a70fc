import { randomBytes } from 'node:crypto';
import pg from 'pg';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database holding the two tables conditions read, dropped by `drop()`. */
export interface TestDatabase {
  client: pg.Client;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `wm_conditions_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  // A session zone far from UTC proves that no comparison leans on the server's clock zone.
  await client.query(`SET TIME ZONE 'Asia/Kathmandu'`);
  await client.query(`
    CREATE TABLE customers (id text PRIMARY KEY, attributes jsonb NOT NULL DEFAULT '{}', tags text[] NOT NULL DEFAULT '{}');
    CREATE TABLE events (customer_id text NOT NULL, name text NOT NULL, properties jsonb NOT NULL DEFAULT '{}', occurred_at timestamptz NOT NULL);
    CREATE INDEX events_customer_name_time_idx ON events (customer_id, name, occurred_at);
  `);
  return {
    client,
    async drop() {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** One customer row as the tests insert it. */
export interface CustomerRow {
  id: string;
  attributes: unknown;
  tags: string[];
}

/** One event row as the tests insert it. */
export interface EventRow {
  customerId: string;
  name: string;
  properties: unknown;
  occurredAt: Date;
}

/** Inserts customers in batches through unnest, so 45,211 rows take a handful of round trips. */
export async function insertCustomers(
  client: pg.Client,
  rows: readonly CustomerRow[],
  batch = 5000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    await client.query(
      `INSERT INTO customers (id, attributes, tags)
       SELECT id, attributes::jsonb, ARRAY(SELECT jsonb_array_elements_text(tags::jsonb))
       FROM unnest($1::text[], $2::text[], $3::text[]) AS r(id, attributes, tags)`,
      [
        slice.map((r) => r.id),
        slice.map((r) => JSON.stringify(r.attributes)),
        slice.map((r) => JSON.stringify(r.tags)),
      ],
    );
  }
}

export async function insertEvents(
  client: pg.Client,
  rows: readonly EventRow[],
  batch = 20_000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    await client.query(
      `INSERT INTO events (customer_id, name, properties, occurred_at)
       SELECT customer_id, name, properties::jsonb, occurred_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS r(customer_id, name, properties, occurred_at)`,
      [
        slice.map((r) => r.customerId),
        slice.map((r) => r.name),
        slice.map((r) => JSON.stringify(r.properties)),
        slice.map((r) => r.occurredAt.toISOString()),
      ],
    );
  }
}
