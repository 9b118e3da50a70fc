import { insertEvents } from '@waymark/db';
import { type RunningEngine, startEngine, sweep } from '@waymark/workers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createEngineWorld,
  type EngineWorld,
  graph,
  publishJourney,
  seedBankCustomers,
} from './support/engine-world.ts';
import { drained, statusCounts, transitionCounts } from './support/observe.ts';
import { type PrivateRedis, startPrivateRedis } from './support/private-redis.ts';

const day = 86_400_000;
let redis: PrivateRedis;
let world: EngineWorld;
let engine: RunningEngine;

beforeAll(async () => {
  redis = await startPrivateRedis();
  world = await createEngineWorld({
    label: 'flushall',
    redisUrl: redis.url,
    settings: { sendRecheckMs: 5 * 60_000, staleActiveMs: 2 * 60_000, inFlightGraceMs: 60_000 },
  });
  await seedBankCustomers(world, 400);
  engine = await startEngine(world.r, {
    groups: ['events', 'steps', 'sends', 'waits'],
    sweepIntervalMs: false,
    tuning: { lockDurationMs: 5_000, stalledIntervalMs: 2_000, retryBaseMs: 50 },
  });
}, 120_000);
afterAll(async () => {
  await engine?.close();
  await world?.close();
  await redis?.stop();
}, 60_000);

async function enter(journeyName: string, rows: number[]) {
  const events = rows.map((row) => ({
    eventId: `${journeyName}-${row}`,
    customerId: `C${String(row).padStart(6, '0')}`,
    name: journeyName,
    occurredAt: world.clock.now(),
  }));
  await insertEvents(world.testDb.db, events);
  await world.r.producers.events.ingested(events.map((e) => e.eventId));
}

const sms = (id: string, text: string) => ({
  id,
  type: 'send',
  config: { channel: 'sms', connectorId: 'sms-main', content: { kind: 'inline', body: text } },
});

it('wakes every waiting customer after Redis loses everything (FLUSHALL)', { timeout: 300_000 }, async () => {
  const journeyId = await publishJourney(
    world,
    graph(
      [
        { id: 'matured', type: 'trigger.event', config: { event: 'deposit_matured' } },
        sms('notice', '您的定期存款已到期'),
        { id: 'wait', type: 'wait.duration', config: { amount: 3, unit: 'days' } },
        sms('reminder', '到期资金可转入理财，回复 1 了解'),
        { id: 'done', type: 'exit', config: { reason: 'reminded' } },
      ],
      [
        ['matured', 'out', 'notice'],
        ['notice', 'sent', 'wait'],
        ['wait', 'out', 'reminder'],
        ['reminder', 'sent', 'done'],
      ],
    ),
  );
  const rows = Array.from({ length: 300 }, (_, i) => i + 1);
  await enter('deposit_matured', rows);
  await world.gateway.waitForAccepted(300);
  await drained(world);
  expect(await statusCounts(world, journeyId)).toEqual({ waiting: 300 });
  expect((await world.r.producers.queue('wakeups').getDelayed()).length).toBeGreaterThan(0);

  await world.redis.flushall();
  expect(await world.redis.dbsize()).toBe(0);

  world.clock.advance(3 * day + 60_000);
  expect((await sweep(world.r)).woken).toBe(300);
  await world.gateway.waitForAccepted(600);
  await drained(world);
  expect(await statusCounts(world, journeyId)).toEqual({ completed: 300 });
  expect(await transitionCounts(world, journeyId)).toMatchObject({ 'wait.out': 300, 'reminder.sent': 300 });
  expect(world.gateway.keysRequestedMoreThanOnce()).toEqual([]);
});

it('finishes sends whose jobs Redis lost mid-flight, without sending any twice', {
  timeout: 300_000,
}, async () => {
  const journeyId = await publishJourney(
    world,
    graph(
      [
        { id: 'salary', type: 'trigger.event', config: { event: 'salary_credited' } },
        sms('offer', '工资到账，专属理财已为您准备'),
        { id: 'done', type: 'exit', config: { reason: 'offered' } },
      ],
      [
        ['salary', 'out', 'offer'],
        ['offer', 'sent', 'done'],
      ],
    ),
  );
  const before = world.gateway.acceptedCount;
  // A slow gateway keeps deliveries queued and in flight when Redis is flushed.
  world.gateway.behave({ kind: 'accept', delayMs: 150 });
  await enter(
    'salary_credited',
    Array.from({ length: 100 }, (_, i) => 301 + i),
  );
  await expect
    .poll(async () => Object.values(await statusCounts(world, journeyId)).reduce((a, b) => a + b, 0), {
      timeout: 60_000,
    })
    .toBe(100);
  await world.gateway.waitForAccepted(before + 10);
  await world.redis.flushall();
  world.gateway.behave({ kind: 'accept' });
  await drained(world);
  expect((await statusCounts(world, journeyId)).completed ?? 0).toBeLessThan(100);

  // The sweeper's next passes (the clock moves past the send re-check and in-flight grace).
  for (let pass = 0; pass < 5 && (await statusCounts(world, journeyId)).completed !== 100; pass++) {
    world.clock.advance(6 * 60_000);
    await sweep(world.r);
    await drained(world);
  }
  expect(await statusCounts(world, journeyId)).toEqual({ completed: 100 });
  expect(world.gateway.acceptedCount).toBe(before + 100);
  expect(world.gateway.keysRequestedMoreThanOnce()).toEqual([]);
});
