import { createTestPrefix, dropPrefix, testRedisUrl } from '@waymark/queues/testing';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { startCpuSplit } from './cpu-split.ts';

export interface BaselineResult {
  bench: 'bullmq-noop-drain';
  jobs: number;
  concurrency: number;
  seconds: number;
  /** The median of `runs` drains: one short drain swings by half with JIT warm-up and other load. */
  jobsPerSecond: number;
  runs: number[];
  /**
   * CPU a job costs, in µs, over the timed drains: this process (BullMQ's worker) and Redis. On a
   * machine that is saturated, customers per second can only match `jobsPerSecond` if a customer
   * costs no more than this.
   */
  cpuMicrosPerJob: number;
}

/**
 * The baseline the engine is compared with: how fast raw BullMQ drains no-op jobs on the same
 * Redis, from one worker process (the bench process) with the same concurrency a workers process
 * uses. Jobs are added first, then the drain is timed. One untimed drain warms the JIT up (an
 * unwarmed drain runs at about half speed), then the median of three timed drains is reported.
 */
export async function bullmqBaseline(jobs = 30_000, concurrency = 16, runs = 3): Promise<BaselineResult> {
  await drainOnce(jobs, concurrency);
  const rates: number[] = [];
  let seconds = 0;
  let cpuSeconds = 0;
  for (let run = 0; run < runs; run++) {
    const drain = await drainOnce(jobs, concurrency);
    rates.push(Math.round(jobs / drain.seconds));
    seconds += drain.seconds;
    cpuSeconds += drain.cpuSeconds;
  }
  const sorted = [...rates].sort((a, b) => a - b);
  return {
    bench: 'bullmq-noop-drain',
    jobs,
    concurrency,
    seconds: round(seconds),
    jobsPerSecond: sorted[Math.floor(sorted.length / 2)] ?? 0,
    runs: rates,
    cpuMicrosPerJob: Math.round((cpuSeconds / (jobs * runs)) * 1e6),
  };
}

async function drainOnce(
  jobs: number,
  concurrency: number,
): Promise<{ seconds: number; cpuSeconds: number }> {
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
  const cpu = startCpuSplit((pid, commandLine) =>
    pid === process.pid ? 'bullmq' : commandLine.includes('redis-server') ? 'redis' : 'other',
  );
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
  const used = cpu.stop();
  await worker.close();
  await queue.close();
  await dropPrefix(redis, prefix);
  redis.disconnect();
  return { seconds, cpuSeconds: (used.bullmq ?? 0) + (used.redis ?? 0) };
}

export function round(n: number, digits = 3): number {
  return Number(n.toFixed(digits));
}
