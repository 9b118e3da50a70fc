import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSql } from '../src/to-sql.ts';
import { allCases } from './support/all-cases.ts';
import { createTestDatabase, insertCustomers, insertEvents, type TestDatabase } from './support/database.ts';
import { now } from './support/edge-cases.ts';

// Each edge case is its own customer (plus trigger event and history) in a real Postgres; the
// compiled SQL must give the same answer as the table, which evaluate.test.ts checks for JS.
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertCustomers(
    db.client,
    allCases.map((c) => ({ id: c.id, attributes: c.attributes, tags: c.tags })),
  );
  await insertEvents(db.client, [
    ...allCases.flatMap((c) =>
      c.event ? [{ customerId: c.id, name: '__trigger__', properties: c.event, occurredAt: now }] : [],
    ),
    ...allCases.flatMap((c) => c.history.map((e) => ({ customerId: c.id, ...e }))),
  ]);
});

afterAll(async () => {
  await db?.drop();
});

describe('toSql on Postgres', () => {
  it.each(allCases)('$name → $expected', async (edge) => {
    const sql = toSql(edge.condition, { now, eventAlias: 'e', paramOffset: 1 });
    const result = await db.client.query(
      `SELECT c.id FROM customers c LEFT JOIN events e ON e.customer_id = c.id AND e.name = '__trigger__'
       WHERE c.id = $1 AND ${sql.text}`,
      [edge.id, ...sql.values],
    );
    expect(result.rowCount === 1).toBe(edge.expected);
  });
});
