import { randomUUID } from 'node:crypto';
import { createTestPrefix, dropPrefix } from '@waymark/queues/testing';
import { startEngine } from '@waymark/workers';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { graph, publishJourney } from '../../engine/support/engine-world.ts';
import { drained, statusCounts } from '../../engine/support/observe.ts';
import { createEngineWorld } from './bench-world.ts';
import { round } from './bullmq-baseline.ts';
import { seedManyCustomers } from './seed-many.ts';

export interface RedisPerWaitingResult {
  bench: 'redis-bytes-per-waiting-customer';
  waitingCustomers: number;
  engineRedisBytes: number;
  bytesPerWaitingCustomer: number;
  /** The same waits as one delayed BullMQ job per customer, measured in the same run. */
  naiveDelayedJobBytesPerCustomer: number;
  postgresBytesPerWaitingEnrollment: number;
}

/** Total `MEMORY USAGE` of every key under a prefix. */
async function prefixBytes(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let bytes = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) bytes += (await redis.memory('USAGE', key, 'SAMPLES', '0')) ?? 0;
  } while (cursor !== '0');
  return bytes;
}

/**
 * `waiting` customers enter a journey and wait three days. Their wake-up times live in Postgres;
 * Redis holds only the wake-up buckets. Compared with the naive design of one delayed job per
 * customer, added to a separate prefix of the same Redis.
 */
export async function redisPerWaiting(waiting: number): Promise<RedisPerWaitingResult> {
  const world = await createEngineWorld({ label: 'bench-waiting' });
  try {
    await seedManyCustomers(world, waiting);
    const segmentId = randomUUID();
    await world.db.query(`INSERT INTO segments (id, name, condition) VALUES ($1, 'All', $2)`, [
      segmentId,
      JSON.stringify({ type: 'attribute', field: 'age', valueType: 'number', op: 'exists' }),
    ]);
    const journeyId = await publishJourney(
      world,
      graph(
        [
          { id: 'audience', type: 'trigger.segment', config: { segmentId, schedule: { kind: 'once' } } },
          { id: 'wait', type: 'wait.duration', config: { amount: 3, unit: 'days' } },
          { id: 'done', type: 'exit', config: { reason: 'waited' } },
        ],
        [
          ['audience', 'out', 'wait'],
          ['wait', 'out', 'done'],
        ],
      ),
    );
    const engine = await startEngine(world.r, { groups: ['segments', 'steps'], sweepIntervalMs: false });
    await world.r.producers.segments.enroll({ journeyId, version: 1 });
    await drained(world, 10 * 60_000);
    await engine.close();
    const statuses = await statusCounts(world, journeyId);
    if (statuses.waiting !== waiting)
      throw new Error(`expected ${waiting} waiting, saw ${JSON.stringify(statuses)}`);
    // Completed segment runs are kept for their progress; they are not per-customer state.
    await world.r.producers.queue('segments').clean(0, 1000, 'completed');
    const engineBytes = await prefixBytes(world.redis, world.prefix);

    const naivePrefix = createTestPrefix('bench-naive');
    const naive = new Queue('wakeups', { connection: world.redis, prefix: naivePrefix });
    const ids = (await world.db.query<{ id: number }>('SELECT id FROM enrollments')).map((r) => r.id);
    for (let i = 0; i < ids.length; i += 1000) {
      await naive.addBulk(
        ids.slice(i, i + 1000).map((id) => ({
          name: 'wake',
          data: { enrollmentIds: [id], cause: 'woken' },
          opts: { jobId: `wake-${id}`, delay: 3 * 86_400_000, removeOnComplete: true },
        })),
      );
    }
    const naiveBytes = await prefixBytes(world.redis, naivePrefix);
    await naive.close();
    await dropPrefix(world.redis, naivePrefix);
    const [pg] = await world.db.query<{ bytes: number }>(
      `SELECT (pg_total_relation_size('enrollments'))::bigint AS bytes`,
    );
    return {
      bench: 'redis-bytes-per-waiting-customer',
      waitingCustomers: waiting,
      engineRedisBytes: engineBytes,
      bytesPerWaitingCustomer: round(engineBytes / waiting, 2),
      naiveDelayedJobBytesPerCustomer: round(naiveBytes / waiting, 1),
      postgresBytesPerWaitingEnrollment: round((pg?.bytes ?? 0) / waiting, 1),
    };
  } finally {
    await world.close();
  }
}
