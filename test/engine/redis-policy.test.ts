import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEngineWorld, type EngineWorld } from './support/engine-world.ts';
import { type PrivateRedis, startPrivateRedis } from './support/private-redis.ts';
import { startWorkerProcess } from './support/worker-process.ts';

let evicting: PrivateRedis;
let world: EngineWorld;

beforeAll(async () => {
  evicting = await startPrivateRedis({ maxmemoryPolicy: 'allkeys-lru' });
  world = await createEngineWorld({ label: 'policy' });
}, 60_000);
afterAll(async () => {
  await world?.close();
  await evicting?.stop();
}, 60_000);

it('refuses to start the workers on a Redis that may evict queue data, saying why', {
  timeout: 60_000,
}, async () => {
  const worker = startWorkerProcess(world, { REDIS_URL: evicting.url });
  expect(await worker.exited).toBe(78);
  expect(worker.stderr()).toMatch(/maxmemory-policy is \\?"allkeys-lru\\?".*need \\?"noeviction/);
});

it('starts on a noeviction Redis and stops gracefully on SIGTERM', { timeout: 60_000 }, async () => {
  const worker = startWorkerProcess(world, { WAYMARK_WORKERS: 'steps' });
  const steps = world.r.producers.queue('steps');
  await expect.poll(() => steps.getWorkersCount(), { timeout: 30_000, interval: 100 }).toBe(1);
  worker.child.kill('SIGTERM');
  expect(await worker.exited).toBe(0);
});
