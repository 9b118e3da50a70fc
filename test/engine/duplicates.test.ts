import { insertEvents } from '@waymark/db';
import { abSplitNode } from '@waymark/journey/testing';
import {
  advanceEnrollments,
  processEvent,
  type RunningEngine,
  startEngine,
  sweep,
  wakeDueEnrollments,
} from '@waymark/workers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createEngineWorld,
  type EngineWorld,
  eventsForFirstCustomers,
  graph,
  publishJourney,
  seedBankCustomers,
} from './support/engine-world.ts';
import { drained, statusCounts, transitionCounts } from './support/observe.ts';

const day = 86_400_000;
const customers = 50;
let world: EngineWorld;
let engine: RunningEngine;

beforeAll(async () => {
  world = await createEngineWorld({ label: 'dupes' });
  await seedBankCustomers(world, customers);
  engine = await startEngine(world.r, {
    groups: ['events', 'steps', 'sends', 'waits'],
    sweepIntervalMs: false,
    tuning: { lockDurationMs: 5_000, stalledIntervalMs: 2_000 },
  });
}, 120_000);
afterAll(async () => {
  await engine?.close();
  await world?.close();
}, 60_000);

it('does nothing twice when every event, step, delivery and wake-up arrives twice', {
  timeout: 300_000,
}, async () => {
  const journeyId = await publishJourney(
    world,
    graph(
      [
        { id: 'login', type: 'trigger.event', config: { event: 'app_login' } },
        abSplitNode(),
        {
          id: 'sms',
          type: 'send',
          config: { channel: 'sms', connectorId: 'sms-main', content: { kind: 'inline', body: '登录有礼' } },
        },
        { id: 'wait', type: 'wait.duration', config: { amount: 1, unit: 'days' } },
        { id: 'done', type: 'exit', config: { reason: 'done' } },
      ],
      [
        ['login', 'out', 'ab'],
        ['ab', 'A', 'sms'],
        ['ab', 'B', 'sms'],
        ['sms', 'sent', 'wait'],
        ['wait', 'out', 'done'],
      ],
      { reEntry: { policy: 'always' } },
    ),
  );
  const events = eventsForFirstCustomers('app_login', customers, 'login', world.clock.now());
  // The same event stored twice, queued twice, and processed twice at once outside the queue.
  await insertEvents(world.testDb.db, events);
  expect((await insertEvents(world.testDb.db, events)).every((o) => o.status === 'duplicate')).toBe(true);
  await world.r.producers.events.ingested(events.map((e) => e.eventId));
  await world.r.producers.events.ingested(events.map((e) => e.eventId));
  await Promise.all(
    events.flatMap((e) => [processEvent(world.r, e.eventId), processEvent(world.r, e.eventId)]),
  );
  await world.gateway.waitForAccepted(customers);
  await drained(world);

  const ids = (
    await world.db.query<{ id: number }>('SELECT id FROM enrollments WHERE journey_id = $1', [journeyId])
  ).map((row) => row.id);
  expect(ids).toHaveLength(customers);
  // The same steps twice, concurrently and through the queue; the same deliveries twice.
  await Promise.all([advanceEnrollments(world.r, ids), advanceEnrollments(world.r, ids)]);
  await world.r.producers.steps.advance([
    { enrollmentIds: ids, cause: 'swept', dedupeKey: 'dup-1' },
    { enrollmentIds: ids, cause: 'swept', dedupeKey: 'dup-2' },
  ]);
  const messageIds = (await world.db.query<{ id: number }>('SELECT id FROM messages')).map((m) => m.id);
  await world.r.producers.deliveries.deliver('sms', messageIds, 'dup-a');
  await world.r.producers.deliveries.deliver('sms', messageIds, 'dup-b');
  await drained(world);

  world.clock.advance(day + 60_000);
  const [first, second, third] = await Promise.all([
    sweep(world.r),
    sweep(world.r),
    wakeDueEnrollments(world.r),
  ]);
  expect(first.woken + second.woken + third).toBe(customers);
  await drained(world);

  expect(await statusCounts(world, journeyId)).toEqual({ completed: customers });
  const counts = await transitionCounts(world, journeyId);
  expect(counts['login.out']).toBe(customers);
  expect((counts['ab.A'] ?? 0) + (counts['ab.B'] ?? 0)).toBe(customers);
  expect(counts['sms.sent']).toBe(customers);
  expect(counts['wait.out']).toBe(customers);
  const [messages] = await world.db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages');
  expect(messages?.n).toBe(customers);
  expect(world.gateway.acceptedCount).toBe(customers);
  expect(world.gateway.keysRequestedMoreThanOnce()).toEqual([]);
});
