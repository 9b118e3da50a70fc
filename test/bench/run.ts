/**
 * Engine benchmarks: `pnpm bench` (all) or `pnpm bench -- segment` (names containing a word).
 * Each prints one JSON line. They compare against baselines measured in the same run (raw BullMQ
 * on the same Redis; for the segment journey also the bare Postgres writes per customer); they are
 * measurements, not pass/fail tests. Sizes can be lowered with
 * BENCH_SEGMENT_CUSTOMERS, BENCH_EVENT_RATE, BENCH_EVENT_SECONDS, BENCH_WAITING, BENCH_PROCESSES.
 */
import { testAdminUrl } from '@waymark/db/testing';
import pg from 'pg';
import { bullmqBaseline } from './engine/bullmq-baseline.ts';
import { eventLatency } from './engine/event-latency.ts';
import { postgresFloor } from './engine/postgres-floor.ts';
import { redisPerWaiting } from './engine/redis-per-waiting.ts';
import { segmentThroughput } from './engine/segment-throughput.ts';

const number = (name: string, fallback: number) => {
  const raw = process.env[name];
  return raw && /^\d+$/.test(raw) ? Number(raw) : fallback;
};
const only = process.argv.slice(2).filter((a) => a !== '--');
const wanted = (name: string) => only.length === 0 || only.some((word) => name.includes(word));
const processes = number('BENCH_PROCESSES', 2);

/**
 * Writes out what an earlier bench left dirty in Postgres's buffers, so a bench does not pay for
 * the one before it (after the 100k-customer segment run, the checkpoint that followed doubled
 * the latency bench's p99).
 */
async function checkpoint(): Promise<void> {
  const client = new pg.Client({ connectionString: testAdminUrl() });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
}

const baseline = await bullmqBaseline();
console.log(JSON.stringify(baseline));
if (wanted('segment')) {
  const customers = number('BENCH_SEGMENT_CUSTOMERS', 100_000);
  const floor = await postgresFloor(customers);
  console.log(JSON.stringify(floor));
  console.log(
    JSON.stringify(
      await segmentThroughput(customers, processes, baseline.jobsPerSecond, floor.customersPerSecond),
    ),
  );
}
if (wanted('latency')) {
  await checkpoint();
  console.log(
    JSON.stringify(
      await eventLatency(number('BENCH_EVENT_RATE', 1000), number('BENCH_EVENT_SECONDS', 60), processes),
    ),
  );
}
if (wanted('redis')) {
  await checkpoint();
  console.log(JSON.stringify(await redisPerWaiting(number('BENCH_WAITING', 20_000))));
}
process.exit(0);
