import { randomUUID } from 'node:crypto';
import type { JourneyGraph } from '@waymark/journey';
import { abSplitNode } from '@waymark/journey/testing';
import { graph, publishJourney } from '../../engine/support/engine-world.ts';
import { createEngineWorld, startWorkerFleet } from './bench-world.ts';
import { round } from './bullmq-baseline.ts';
import { startRunCpuSplit } from './cpu-split.ts';
import { seedManyCustomers } from './seed-many.ts';

export interface SegmentThroughputResult {
  bench: 'segment-journey';
  customers: number;
  /** Customers the filter let through, each sent one SMS. */
  messages: number;
  workerProcesses: number;
  seconds: number;
  /** Customers walked through the journey per second, publish to the last message received. */
  perSec: number;
  messagesPerSecond: number;
  /** Customers per second over the raw BullMQ no-op drain rate measured in the same run. */
  ratio: number;
  baselinePerSec: number;
  /** Customers per second over the Postgres floor (the bare writes a customer needs) measured in the same run. */
  ratioToPostgresFloor: number;
  postgresFloorPerSecond: number;
  providerRequests: number;
  /** Share of message status updates Postgres made heap-only (HOT: no index writes). */
  messageUpdatesHeapOnly: number;
  /** CPU seconds per process name during the timed part: where the time went. */
  cpuSeconds: Record<string, number>;
  /** CPU per customer, in µs, of this run's own processes (workers, Postgres, Redis, bench and provider). */
  cpuMicrosPerCustomer: number;
}

/**
 * The segment journey over `customers` bank customers: segment → filter (not in credit
 * default) → A/B split 50/50 → SMS with a script per variant → exit; from queuing the publish-time
 * enrollment to the local gateway having received every message, with real worker processes.
 * Seeding is not timed.
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
    const journeyId = await publishJourney(world, campaign(segmentId));
    const [eligible] = await world.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers WHERE (attributes->>'default')::boolean IS NOT TRUE`,
    );
    const messages = eligible?.n ?? 0;
    const fleet = await startWorkerFleet(world, workerProcesses, { WAYMARK_WORKERS: 'segments,steps,sends' });
    let result: Omit<SegmentThroughputResult, 'messageUpdatesHeapOnly'>;
    try {
      const cpu = startRunCpuSplit(world, fleet);
      const started = performance.now();
      await world.r.producers.segments.enroll({ journeyId, version: 1 });
      const watch = watchForFailure(world, journeyId);
      try {
        await Promise.race([world.gateway.waitForAccepted(messages, 30 * 60_000), watch.failed]);
      } finally {
        watch.stop();
      }
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = cpu.stop();
      const perSec = customers / seconds;
      const ownCpu = Object.entries(cpuSeconds)
        .filter(([name]) => name !== 'other' && name !== 'postgres (other)')
        .reduce((sum, [, used]) => sum + used, 0);
      result = {
        bench: 'segment-journey',
        customers,
        messages,
        workerProcesses,
        seconds: round(seconds),
        perSec: Math.round(perSec),
        messagesPerSecond: Math.round(messages / seconds),
        ratio: round(perSec / baselineJobsPerSecond),
        baselinePerSec: baselineJobsPerSecond,
        ratioToPostgresFloor: round(perSec / postgresFloorPerSecond),
        postgresFloorPerSecond,
        providerRequests: world.gateway.stats().batchSends + world.gateway.stats().singleSends,
        cpuSeconds,
        cpuMicrosPerCustomer: Math.round((ownCpu / customers) * 1e6),
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

function campaign(segmentId: string): JourneyGraph {
  return graph(
    [
      { id: 'audience', type: 'trigger.segment', config: { segmentId, schedule: { kind: 'once' } } },
      {
        id: 'no-default',
        type: 'filter',
        config: {
          condition: { type: 'attribute', field: 'default', valueType: 'boolean', op: 'is', value: false },
        },
      },
      abSplitNode(),
      {
        id: 'sms',
        type: 'send',
        config: {
          channel: 'sms',
          connectorId: 'sms-main',
          content: { kind: 'inline', body: '【示例银行】{{customer.name}}您好，年末理财专享 3.1%。' },
          variantContent: {
            B: { kind: 'inline', body: '【示例银行】{{customer.name}}您好，大额存单 2.6% 限时认购。' },
          },
        },
      },
      { id: 'done', type: 'exit', config: { reason: 'messaged' } },
      { id: 'skipped', type: 'exit', config: { reason: 'in default' } },
    ],
    [
      ['audience', 'out', 'no-default'],
      ['no-default', 'yes', 'ab'],
      ['no-default', 'no', 'skipped'],
      ['ab', 'A', 'sms'],
      ['ab', 'B', 'sms'],
      ['sms', 'sent', 'done'],
    ],
  );
}

/**
 * Rejects as soon as an enrollment fails (a defect in the journey or the engine) rather than
 * letting the run wait out its timeout; `stop` ends the watch.
 */
function watchForFailure(world: Awaited<ReturnType<typeof createEngineWorld>>, journeyId: string) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const failed = new Promise<never>((_, reject) => {
    const look = async () => {
      if (stopped) return;
      const [row] = await world.db.query<{ exit_reason: string }>(
        `SELECT exit_reason FROM enrollments WHERE journey_id = $1 AND status = 'failed' LIMIT 1`,
        [journeyId],
      );
      if (row) reject(new Error(`an enrollment failed: ${row.exit_reason}`));
      else timer = setTimeout(look, 1000);
    };
    timer = setTimeout(look, 1000);
  });
  failed.catch(() => undefined); // Only the race reads it.
  return {
    failed,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
