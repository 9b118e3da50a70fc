import { randomUUID } from 'node:crypto';
import type { TestSmsGateway } from '@waymark/connectors/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningEngine, startEngine } from '../src/engine.ts';
import { applyLifecycle } from '../src/lifecycle/apply-lifecycle.ts';
import { advanceEnrollments } from '../src/steps/advance-enrollments.ts';
import {
  attachSmsGateway,
  createEngineFixture,
  type EngineFixture,
  insertCustomers,
} from './support/engine-fixture.ts';
import { drained, enrollmentStatuses, graph, publishJourney, transitionCounts } from './support/journeys.ts';

let f: EngineFixture;
let gateway: TestSmsGateway;
let engine: RunningEngine;
const balances = Array.from({ length: 2500 }, (_, i) => (i * 7919) % 3000);

beforeAll(async () => {
  f = await createEngineFixture({ label: 'segments', settings: { pageSize: 1000 } });
  gateway = await attachSmsGateway(f);
  await insertCustomers(
    f,
    balances.map((balance, i) => ({
      id: `C${String(i + 1).padStart(6, '0')}`,
      attributes: { balance },
      phone: `1390000${String(i + 1).padStart(4, '0')}`,
    })),
  );
  engine = await startEngine(f.r, {
    groups: ['segments', 'steps', 'sends'],
    sweepIntervalMs: false,
    tuning: { lockDurationMs: 5000, stalledIntervalMs: 2000 },
  });
});
afterAll(async () => {
  await engine.close();
  await gateway.close();
  await f.close();
});

async function segmentJourney(status = 'live') {
  const segmentId = randomUUID();
  await f.testDb.db.query(
    `INSERT INTO segments (id, name, condition) VALUES ($1, 'Balance over 1,000', $2)`,
    [
      segmentId,
      JSON.stringify({ type: 'attribute', field: 'balance', valueType: 'number', op: 'gt', value: 1000 }),
    ],
  );
  return publishJourney(
    f,
    graph(
      [
        { id: 'audience', type: 'trigger.segment', config: { segmentId, schedule: { kind: 'once' } } },
        {
          id: 'sms',
          type: 'send',
          config: {
            channel: 'sms',
            connectorId: 'sms-main',
            content: { kind: 'inline', body: '年末理财专享' },
          },
        },
        { id: 'done', type: 'exit', config: { reason: 'messaged' } },
      ],
      [
        ['audience', 'out', 'sms'],
        ['sms', 'sent', 'done'],
      ],
    ),
    status,
  );
}

it('enrolls exactly the segment, page by page, shows progress, and a rerun adds nobody', async () => {
  const expected = balances.filter((b) => b > 1000).length;
  const journeyId = await segmentJourney();
  await f.r.producers.segments.enroll({ journeyId, version: 1 });
  await gateway.waitForAccepted(expected);
  await drained(f);
  const lastMember = balances.findLastIndex((b) => b > 1000) + 1;
  expect(await f.r.producers.segments.progress({ journeyId, version: 1 })).toEqual({
    // Full pages of 1,000, then the partial page that shows the segment is exhausted.
    pages: Math.floor(expected / 1000) + 1,
    enrolled: expected,
    cursor: `C${String(lastMember).padStart(6, '0')}`,
    done: true,
  });
  expect(await enrollmentStatuses(f, journeyId)).toEqual({ completed: expected });
  expect((await transitionCounts(f, journeyId))['sms.sent']).toBe(expected);

  await f.r.producers.segments.enroll({ journeyId, version: 1, runId: 'again' });
  await drained(f);
  expect(await enrollmentStatuses(f, journeyId)).toEqual({ completed: expected });
  expect(gateway.acceptedCount).toBe(expected);
});

it('holds a paused journey’s segment run and finishes it after resume', async () => {
  const before = gateway.acceptedCount;
  const journeyId = await segmentJourney('paused');
  await f.r.producers.segments.enroll({ journeyId, version: 1 });
  await expect
    .poll(async () => (await f.r.producers.queue('segments').getDelayed()).length, { timeout: 10_000 })
    .toBe(1);
  expect(await enrollmentStatuses(f, journeyId)).toEqual({});
  await applyLifecycle(f.r, { journeyId, action: 'resume', reason: '' });
  await f.r.producers.queue('segments').promoteJobs();
  const expected = balances.filter((b) => b > 1000).length;
  await gateway.waitForAccepted(before + expected);
  await drained(f);
  expect(await enrollmentStatuses(f, journeyId)).toEqual({ completed: expected });
});

it('stops a long run between pages on shutdown, and the next worker resumes at the cursor', async () => {
  f.r.settings.pageSize = 50;
  const before = gateway.acceptedCount;
  const expected = balances.filter((b) => b > 1000).length;
  const journeyId = await segmentJourney();
  await f.r.producers.segments.enroll({ journeyId, version: 1, runId: 'shutdown' });
  await expect
    .poll(
      async () =>
        (await f.r.producers.segments.progress({ journeyId, version: 1, runId: 'shutdown' }))?.pages ?? 0,
      {
        timeout: 20_000,
        interval: 5,
      },
    )
    .toBeGreaterThan(0);
  await engine.close();
  const stopped = await f.r.producers.segments.progress({ journeyId, version: 1, runId: 'shutdown' });
  expect(stopped?.done).toBe(false);
  const [enrolledSoFar] = await f.testDb.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM enrollments WHERE journey_id = $1',
    [journeyId],
  );
  expect(enrolledSoFar?.n).toBeLessThan(expected);

  engine = await startEngine(f.r, {
    groups: ['segments', 'steps', 'sends'],
    sweepIntervalMs: false,
    tuning: { lockDurationMs: 5000, stalledIntervalMs: 2000 },
  });
  await gateway.waitForAccepted(before + expected);
  await drained(f);
  expect(await f.r.producers.segments.progress({ journeyId, version: 1, runId: 'shutdown' })).toMatchObject({
    enrolled: expected,
    done: true,
  });
  expect(await enrollmentStatuses(f, journeyId)).toEqual({ completed: expected });
  f.r.settings.pageSize = 1000;
});

it('a step job of just-entered customers, run again after its messages went out, sends nothing twice', async () => {
  const before = gateway.acceptedCount;
  const journeyId = await segmentJourney();
  const enrolled = await f.testDb.db.query<{ id: number }>(
    `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status, trigger_event_id)
     SELECT $1, 1, id, 'audience', 'active', 'segment:retry' FROM customers ORDER BY id LIMIT 20
     RETURNING id`,
    [journeyId],
  );
  const ids = enrolled.map((e) => e.id);
  await advanceEnrollments(f.r, ids, { deliverInline: true, justEntered: true });
  expect(gateway.acceptedCount).toBe(before + 20);
  // The first attempt sent, then died before its walk was written: the customers stand at the
  // trigger again, and the job runs again without reading their messages up front.
  await f.testDb.db.query(
    `UPDATE enrollments SET current_node = 'audience', status = 'active', exited_at = NULL WHERE id = ANY($1::bigint[])`,
    [ids],
  );
  const again = await advanceEnrollments(f.r, ids, { deliverInline: true, justEntered: true });
  expect(again).toMatchObject({ moved: 20, claimed: 0, finished: 20 });
  expect(gateway.acceptedCount).toBe(before + 20);
  expect(gateway.keysRequestedMoreThanOnce()).toEqual([]);
  expect(await enrollmentStatuses(f, journeyId)).toEqual({ completed: 20 });
});
