import { afterAll, beforeAll, expect, it } from 'vitest';
import { sweep } from '../src/maintenance/sweep.ts';
import { createEngineFixture, type EngineFixture } from './support/engine-fixture.ts';

let f: EngineFixture;
const journeyId = '5f0c2a3e-8b1d-4c7a-9e2f-1a2b3c4d5e6f';

beforeAll(async () => {
  f = await createEngineFixture({ label: 'compaction' });
});
afterAll(() => f.close());

async function rows() {
  return f.testDb.db.query<{ node_id: string; hour: Date; slot: number; passed: number }>(
    `SELECT node_id, hour, slot, passed::int FROM journey_node_counts WHERE journey_id = $1
      ORDER BY hour, node_id, slot`,
    [journeyId],
  );
}

it('folds the slots of settled hours into one row each, keeping every count, and leaves the current hour alone', async () => {
  const now = f.clock.now().getTime();
  const hour = (hoursAgo: number) =>
    new Date(Math.floor((now - hoursAgo * 3_600_000) / 3_600_000) * 3_600_000);
  const add = (node: string, at: Date, slot: number, passed: number) =>
    f.testDb.db.query(
      `INSERT INTO journey_node_counts (journey_id, version, node_id, port, ab_path, hour, slot, passed)
       VALUES ($1, 1, $2, 'out', '', $3, $4, $5)`,
      [journeyId, node, at, slot, passed],
    );
  // Five hours ago: one node counted by three concurrent steps, one already folded once.
  await add('start', hour(5), 0, 10);
  await add('start', hour(5), 3, 7);
  await add('start', hour(5), 11, 5);
  await add('sms', hour(5), 9, 4);
  // This hour: steps are still counting into it.
  await add('start', hour(0), 2, 6);
  await add('start', hour(0), 8, 1);

  expect((await sweep(f.r)).foldedCounts).toBe(3);
  expect((await rows()).map((r) => [r.node_id, r.hour.getTime(), r.slot, r.passed])).toEqual([
    ['sms', hour(5).getTime(), 0, 4],
    ['start', hour(5).getTime(), 0, 22],
    ['start', hour(0).getTime(), 2, 6],
    ['start', hour(0).getTime(), 8, 1],
  ]);
  expect((await sweep(f.r)).foldedCounts).toBe(0);
});
