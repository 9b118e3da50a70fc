import { randomUUID } from 'node:crypto';
import { publishJourney, smsThenExit } from '../../engine/support/engine-world.ts';
import { createEngineWorld, startWorkerFleet } from './bench-world.ts';
import { round } from './bullmq-baseline.ts';
import { startRunCpuSplit } from './cpu-split.ts';
import { seedManyCustomers } from './seed-many.ts';

export interface SegmentThroughputResult {
  bench: 'segment-journey-publish-to-provider';
  customers: number;
  workerProcesses: number;
  seconds: number;
  messagesPerSecond: number;
  /** Messages per second over the raw BullMQ no-op drain rate measured in the same run. */
  ratioToBaseline: number;
  baselineJobsPerSecond: number;
  /** Messages per second over the Postgres floor (the bare writes a customer needs) measured in the same run. */
  ratioToPostgresFloor: number;
  postgresFloorPerSecond: number;
  providerRequests: number;
  /** Share of message status updates Postgres made heap-only (HOT: no index writes). */
  messageUpdatesHeapOnly: number;
  /** CPU seconds per process name during the timed part: where the time went. */
  cpuSeconds: Record<string, number>;
}

/**
 * A segment journey (everyone → SMS → exit) over `customers` bank customers: from queuing the
 * publish-time enrollment to the local gateway having received every message, with real worker
 * processes. Seeding is not timed.
 */
export async function segmentThroughput(
  customers: number,
  workerProcesses: number,
  baselineJobsPerSecond: number,
  postgresFloorPerSecond: number,
): Promise<SegmentThroughputResult> {
  const world = await createEngineWorld({ label: 'bench-segment' });
  try {
    await seedManyCustomers(world, customers);
    const segmentId = randomUUID();
    await world.db.query(
      `INSERT INTO segments (id, name, condition) VALUES ($1, 'Everyone with an age', $2)`,
      [segmentId, JSON.stringify({ type: 'attribute', field: 'age', valueType: 'number', op: 'exists' })],
    );
    const journeyId = await publishJourney(
      world,
      smsThenExit(
        { id: 'audience', type: 'trigger.segment', config: { segmentId, schedule: { kind: 'once' } } },
        '【示例银行】{{customer.name}}您好，年末理财专享 3.1%。',
      ),
    );
    const fleet = await startWorkerFleet(world, workerProcesses, { WAYMARK_WORKERS: 'segments,steps,sends' });
    let result: Omit<SegmentThroughputResult, 'messageUpdatesHeapOnly'>;
    try {
      const cpu = startRunCpuSplit(world, fleet);
      const started = performance.now();
      await world.r.producers.segments.enroll({ journeyId, version: 1 });
      await world.gateway.waitForAccepted(customers, 30 * 60_000);
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = cpu.stop();
      const messagesPerSecond = customers / seconds;
      result = {
        bench: 'segment-journey-publish-to-provider',
        customers,
        workerProcesses,
        seconds: round(seconds),
        messagesPerSecond: Math.round(messagesPerSecond),
        ratioToBaseline: round(messagesPerSecond / baselineJobsPerSecond),
        baselineJobsPerSecond,
        ratioToPostgresFloor: round(messagesPerSecond / postgresFloorPerSecond),
        postgresFloorPerSecond,
        providerRequests: world.gateway.stats().batchSends + world.gateway.stats().singleSends,
        cpuSeconds,
      };
    } finally {
      await fleet.stop();
    }
    // Read once the workers' connections have closed and flushed their statistics.
    const [updates] = await world.db.query<{ n_tup_upd: number; n_tup_hot_upd: number }>(
      `SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'messages'`,
    );
    return {
      ...result,
      messageUpdatesHeapOnly: round((updates?.n_tup_hot_upd ?? 0) / (updates?.n_tup_upd || 1)),
    };
  } finally {
    await world.close();
  }
}
