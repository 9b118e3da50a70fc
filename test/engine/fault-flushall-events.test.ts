import { insertEvents } from '@waymark/db';
import { type RunningEngine, startEngine, sweep } from '@waymark/workers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createEngineWorld,
  type EngineWorld,
  eventsForFirstCustomers,
  publishJourney,
  seedBankCustomers,
  smsThenExit,
} from './support/engine-world.ts';
import { drained, statusCounts } from './support/observe.ts';
import { type PrivateRedis, startPrivateRedis } from './support/private-redis.ts';

const customers = 250;
let redis: PrivateRedis;
let world: EngineWorld;
let engine: RunningEngine | undefined;

beforeAll(async () => {
  redis = await startPrivateRedis();
  // Grace 0: every unprocessed event counts as lost at once (the grace itself is tested in workers/).
  world = await createEngineWorld({
    label: 'flush-events',
    redisUrl: redis.url,
    settings: { unprocessedEventGraceMs: 0 },
  });
  await seedBankCustomers(world, customers);
}, 120_000);
afterAll(async () => {
  await engine?.close();
  await world?.close();
  await redis?.stop();
}, 60_000);

it('processes every stored event exactly once after Redis lost their jobs (FLUSHALL)', {
  timeout: 180_000,
}, async () => {
  const journeyId = await publishJourney(
    world,
    smsThenExit(
      { id: 'opened', type: 'trigger.event', config: { event: 'account_opened' } },
      '欢迎开户，手机银行已为您开通',
      'welcomed',
    ),
  );
  // Stored and queued as the server does it, with no event worker running yet.
  const events = eventsForFirstCustomers('account_opened', customers, 'opened', world.clock.now());
  for (let i = 0; i < events.length; i += 50) {
    const batch = events.slice(i, i + 50);
    await insertEvents(world.testDb.db, batch);
    await world.r.producers.events.ingested(batch.map((e) => e.eventId));
  }
  expect(await world.r.producers.queue('events').getWaitingCount()).toBe(5);

  await world.redis.flushall();
  engine = await startEngine(world.r, {
    groups: ['events', 'steps', 'sends'],
    sweepIntervalMs: false,
  });
  expect((await sweep(world.r)).requeuedEvents).toBe(customers);
  await world.gateway.waitForAccepted(customers, 60_000);
  await drained(world);

  expect(world.gateway.acceptedCount).toBe(customers);
  expect(world.gateway.keysRequestedMoreThanOnce()).toEqual([]);
  expect(new Set(world.gateway.accepted().map((sms) => sms.to)).size).toBe(customers);
  const [unprocessed] = await world.testDb.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM events WHERE processed_at IS NULL',
  );
  expect(unprocessed?.n).toBe(0);
  const entries = await statusCounts(world, journeyId);
  expect(Object.values(entries).reduce((sum, n) => sum + n, 0)).toBe(customers);
  // Nothing is left for a later sweep to replay.
  expect((await sweep(world.r)).requeuedEvents).toBe(0);
});
