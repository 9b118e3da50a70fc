import { randomUUID } from 'node:crypto';
import type { Db } from '@waymark/db';
import { createTestDb, type TestDb } from '@waymark/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadOpenTaskRows } from '../src/routes/rm/task-rows.ts';

// A bank's scale: 40,000 customers waiting out a 3-day wait, 200 open RM calls among them, 100
// relationship managers. A task list must reach its rows through an index, never by walking
// every waiting enrollment: this runs the real query and asks Postgres for its plan.
let testDb: TestDb;
const statements: { text: string; values: readonly unknown[] }[] = [];
let recording: Db;

beforeAll(async () => {
  testDb = await createTestDb();
  const db = testDb.db;
  const journeyId = randomUUID();
  await db.query(
    `INSERT INTO journeys (id, name, status, live_version, draft) VALUES ($1, 'Large deposit follow-up', 'live', 1, '{}')`,
    [journeyId],
  );
  await db.query(
    `INSERT INTO customers (id, rm_user_id)
     SELECT 'C' || lpad(i::text, 6, '0'), 'rm.' || (i % 100) FROM generate_series(1, 40000) i`,
  );
  await db.query(
    `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status, wake_at, waiting_event, trigger_event_id)
     SELECT $1, 1, 'C' || lpad(i::text, 6, '0'),
            CASE WHEN i % 200 = 0 THEN 'rm-call' ELSE 'wait-3d' END, 'waiting',
            now() + (i % 72) * interval '1 hour',
            CASE WHEN i % 200 = 0 THEN 'rm.task.outcome' END, 'ev-' || i
       FROM generate_series(1, 40000) i`,
    [journeyId],
  );
  await db.query('ANALYZE customers, enrollments, journeys');
  recording = {
    ...db,
    query: (text, values) => {
      statements.push({ text, values: values ?? [] });
      return db.query(text, values);
    },
  };
});
afterAll(() => testDb.drop());

async function planOf(list: () => Promise<unknown>): Promise<string> {
  statements.length = 0;
  await list();
  const [statement] = statements;
  const rows = await testDb.db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN ${statement!.text}`,
    statement!.values,
  );
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

it('lists every manager’s open tasks from the index of open tasks, not the waiting enrollments', async () => {
  const rows = await loadOpenTaskRows(testDb.db, { limit: 50 });
  expect(rows).toHaveLength(50);
  expect(rows.every((row) => row.current_node === 'rm-call')).toBe(true);
  const plan = await planOf(() => loadOpenTaskRows(recording, { limit: 50 }));
  expect(plan).toContain('enrollments_rm_tasks_idx');
  expect(plan).not.toMatch(/Seq Scan on (enrollments|customers)/);
});

it('lists one manager’s open tasks without walking other customers’ waits', async () => {
  const rows = await loadOpenTaskRows(testDb.db, { rmUserId: 'rm.0', limit: 50 });
  // Customers 200, 400, … are RM calls; those with i % 100 = 0 belong to rm.0: all 200 tasks.
  expect(rows).toHaveLength(50);
  expect(rows.every((row) => row.rm_user_id === 'rm.0')).toBe(true);
  const plan = await planOf(() => loadOpenTaskRows(recording, { rmUserId: 'rm.0', limit: 50 }));
  expect(plan).toMatch(/enrollments_rm_tasks_idx|customers_rm_user_idx/);
  expect(plan).not.toMatch(/Seq Scan on (enrollments|customers)/);
  expect(plan).not.toContain('enrollments_wake_idx');
});
