import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../src/index.ts';
import { createTestDb, type TestDb } from '../src/testing/index.ts';
import { migrationsBefore } from './migrations-before.ts';

let testDb: TestDb;
const before = migrationsBefore('0005_node_counts');
const journeyId = '0b7e3a52-4f3c-4d8e-9a51-2f6c1d0e9b11';

beforeAll(async () => {
  testDb = await createTestDb({ migrate: false });
});
afterAll(async () => {
  await testDb?.drop();
  before.remove();
});

it('keeps the per-node counts and the loop passes of customers inside when the transition log goes', async () => {
  await migrate(testDb.db, { dir: before.dir });
  const enroll = async (customer: string, status: string, abPath: Record<string, string>) => {
    const [row] = await testDb.db.query<{ id: number }>(
      `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status, ab_path)
       VALUES ($1, 1, $2, 'await', $3, $4) RETURNING id`,
      [journeyId, customer, status, JSON.stringify(abPath)],
    );
    return row!.id;
  };
  const waiting = await enroll('C1', 'waiting', {});
  const finished = await enroll('C2', 'completed', { 'z-split': 'B', ab: 'A' });
  // As the engine logged them: one row per pass out of a node, the exit's without a port.
  const log: [number, string, string | null, string][] = [
    [waiting, 'opened', 'out', '2026-11-20T09:15:00Z'],
    [waiting, 'remind', 'sent', '2026-11-20T09:15:00Z'],
    [waiting, 'remind', 'sent', '2026-11-21T09:20:00Z'],
    [finished, 'opened', 'out', '2026-11-20T09:40:00Z'],
    [finished, 'remind', 'sent', '2026-11-20T09:40:00Z'],
    [finished, 'done', null, '2026-11-20T10:05:00Z'],
  ];
  for (const [enrollment, node, port, at] of log) {
    await testDb.db.query(
      `INSERT INTO step_transitions (enrollment_id, journey_id, version, node_id, port, at)
       VALUES ($1, $2, 1, $3, $4, $5)`,
      [enrollment, journeyId, node, port, at],
    );
  }

  expect((await migrate(testDb.db)).applied).toContain('0005_node_counts');
  const counts = await testDb.db.query<{
    node_id: string;
    port: string;
    ab_path: string;
    hour: Date;
    passed: number;
  }>(
    `SELECT node_id, port, ab_path, hour, passed::int FROM journey_node_counts WHERE journey_id = $1
      ORDER BY hour, node_id, ab_path`,
    [journeyId],
  );
  // Paths are keyed as the engine writes them (JSON.stringify with sorted split ids).
  const ab = JSON.stringify({ ab: 'A', 'z-split': 'B' });
  expect(counts.map((c) => [c.node_id, c.port, c.ab_path, c.hour.toISOString(), c.passed])).toEqual([
    ['opened', 'out', '', '2026-11-20T09:00:00.000Z', 1],
    ['opened', 'out', ab, '2026-11-20T09:00:00.000Z', 1],
    ['remind', 'sent', '', '2026-11-20T09:00:00.000Z', 1],
    ['remind', 'sent', ab, '2026-11-20T09:00:00.000Z', 1],
    ['done', 'out', ab, '2026-11-20T10:00:00.000Z', 1],
    ['remind', 'sent', '', '2026-11-21T09:00:00.000Z', 1],
  ]);
  const visits = await testDb.db.query<{ customer_id: string; visits: unknown }>(
    'SELECT customer_id, visits FROM enrollments ORDER BY customer_id',
  );
  expect(visits).toEqual([
    { customer_id: 'C1', visits: { opened: 1, remind: 2 } },
    { customer_id: 'C2', visits: null },
  ]);
});
