import { createTestPrefix, dropPrefix, testRedisUrl } from '@waymark/queues/testing';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

export interface BaselineResult {
  bench: 'bullmq-noop-drain';
  jobs: number;
  concurrency: number;
  seconds: number;
  jobsPerSecond: number;
}

/**
 * The baseline the engine is compared with: how fast raw BullMQ drains no-op jobs on the same
 * Redis, from one worker process (the bench process) with the same concurrency a workers process
 * uses. Jobs are added first, then the drain is timed.
 */
export async function bullmqBaseline(jobs = 20_000, concurrency = 16): Promise<BaselineResult> {
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const prefix = createTestPrefix('bench-baseline');
  const queue = new Queue('noop', { connection: redis, prefix });
  for (let i = 0; i < jobs; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, jobs - i) }, (_, j) => ({
        name: 'noop',
        data: { n: i + j },
        opts: { removeOnComplete: true },
      })),
    );
  }
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const started = performance.now();
  const worker = new Worker(
    'noop',
    async () => {
      done += 1;
      if (done === jobs) finish();
    },
    { connection: redis, prefix, concurrency },
  );
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await queue.close();
  await dropPrefix(redis, prefix);
  redis.disconnect();
  return {
    bench: 'bullmq-noop-drain',
    jobs,
    concurrency,
    seconds: round(seconds),
    jobsPerSecond: Math.round(jobs / seconds),
  };
}

export function round(n: number, digits = 3): number {
  return Number(n.toFixed(digits));
}
