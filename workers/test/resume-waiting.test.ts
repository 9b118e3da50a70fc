import { rmTaskOutcomeEvent } from '@waymark/journey/runtime';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resumeWaitingForEvent } from '../src/events/resume-waiting.ts';
import { createEngineFixture, type EngineFixture } from './support/engine-fixture.ts';

let f: EngineFixture;
let ids: number[];

beforeAll(async () => {
  f = await createEngineFixture({ label: 'resume-waiting' });
  // One customer with two open RM tasks (two journeys) and a wait for a purchase.
  const rows = await f.testDb.db.query<{ id: number }>(
    `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status, waiting_event, wake_at)
     SELECT gen_random_uuid(), 1, 'C000001', node, 'waiting', waiting_event, now() + interval '2 days'
       FROM (VALUES ('call', $1), ('visit', $1), ('goal', 'wealth_purchase')) AS w(node, waiting_event)
     RETURNING id`,
    [rmTaskOutcomeEvent],
  );
  ids = rows.map((row) => row.id);
});
afterAll(() => f.close());

const event = (name: string, properties: Record<string, unknown>) => ({
  seq: 1,
  eventId: `${name}-1`,
  customerId: 'C000001',
  name,
  properties,
  occurredAt: new Date(),
});

it('wakes only the RM task whose outcome was recorded, not the customer’s other open tasks', async () => {
  const [call, visit] = ids;
  expect(
    await resumeWaitingForEvent(f.r, event(rmTaskOutcomeEvent, { enrollmentId: visit, nodeId: 'visit' })),
  ).toEqual([visit]);
  const [stillWaiting] = await f.testDb.db.query<{ status: string }>(
    'SELECT status FROM enrollments WHERE id = $1',
    [call],
  );
  expect(stillWaiting?.status).toBe('waiting');
});

it('wakes every wait for an ordinary event: the wait decides whether it qualifies', async () => {
  expect(await resumeWaitingForEvent(f.r, event('wealth_purchase', { amount: 100_000 }))).toEqual([ids[2]]);
});
