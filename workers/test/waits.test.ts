import { insertEvents } from '@waymark/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningEngine, startEngine } from '../src/engine.ts';
import { wakeDueEnrollments } from '../src/waits/wake-due.ts';
import { createEngineFixture, type EngineFixture, insertCustomers } from './support/engine-fixture.ts';
import { drained, enrollmentStatuses, graph, publishJourney } from './support/journeys.ts';

let f: EngineFixture;
let engine: RunningEngine;

beforeAll(async () => {
  f = await createEngineFixture({ label: 'waits' });
  await insertCustomers(
    f,
    Array.from({ length: 100 }, (_, i) => ({ id: `C${String(i + 1).padStart(6, '0')}` })),
  );
  engine = await startEngine(f.r, {
    groups: ['events', 'steps', 'waits'],
    sweepIntervalMs: false,
    tuning: { lockDurationMs: 5000, stalledIntervalMs: 2000 },
  });
});
afterAll(async () => {
  await engine.close();
  await f.close();
});

it('carries 100 customers’ waits in one bucket job, which wakes them all when it comes due', async () => {
  const journeyId = await publishJourney(
    f,
    graph(
      [
        { id: 'start', type: 'trigger.event', config: { event: 'opened_account' } },
        { id: 'wait', type: 'wait.duration', config: { amount: 5, unit: 'minutes' } },
        { id: 'done', type: 'exit', config: { reason: 'waited' } },
      ],
      [
        ['start', 'out', 'wait'],
        ['wait', 'out', 'done'],
      ],
    ),
  );
  const events = Array.from({ length: 100 }, (_, i) => ({
    eventId: `open-${i}`,
    customerId: `C${String(i + 1).padStart(6, '0')}`,
    name: 'opened_account',
    occurredAt: f.clock.now(),
  }));
  await insertEvents(f.testDb.db, events);
  await f.r.producers.events.ingested(events.map((e) => e.eventId));
  await drained(f);
  expect(await enrollmentStatuses(f, journeyId)).toEqual({ waiting: 100 });
  const buckets = await f.r.producers.queue('wakeups').getDelayed();
  expect(buckets).toHaveLength(1);
  const wakeAt = f.clock.now().getTime() + 5 * 60_000;
  expect(buckets[0]?.data.bucketEndsAt).toBe(Math.ceil(wakeAt / 60_000) * 60_000);

  // Not due yet: a wake-up pass now wakes nobody.
  expect(await wakeDueEnrollments(f.r)).toBe(0);

  // Five minutes later the bucket's job comes due (promoted: BullMQ delays run on real time).
  f.clock.advance(6 * 60_000);
  await f.r.producers.queue('wakeups').promoteJobs();
  await expect.poll(() => enrollmentStatuses(f, journeyId), { timeout: 20_000 }).toEqual({ completed: 100 });
});
