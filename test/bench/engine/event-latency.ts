import { insertEvents } from '@waymark/db';
import { publishJourney, smsThenExit } from '../../engine/support/engine-world.ts';
import { createEngineWorld, startWorkerFleet } from './bench-world.ts';
import { round } from './bullmq-baseline.ts';
import { startRunCpuSplit } from './cpu-split.ts';
import { seedManyCustomers } from './seed-many.ts';

export interface EventLatencyResult {
  bench: 'event-to-provider-latency';
  targetEventsPerSecond: number;
  achievedEventsPerSecond: number;
  events: number;
  workerProcesses: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Percentiles of events queued after the first `skippedSeconds`. */
  afterWarmUp: { skippedSeconds: number; p50Ms: number; p99Ms: number; maxMs: number };
  /** p99 of the events queued in each 10-second window: a tail spread evenly is load, one in a window is a pause. */
  p99MsPerWindow: number[];
  /** CPU seconds per process name while events arrived and were delivered. */
  cpuSeconds: Record<string, number>;
}

/**
 * Open-loop load: events arrive at `rate` per second for `seconds` (stored and queued as the
 * server does), each starting a journey straight to an SMS. Latency is from queuing the event to
 * the local gateway receiving its message, matched through the message's enrollment.
 */
const warmUpMs = 5_000;
const windowMs = 10_000;

export async function eventLatency(
  rate: number,
  seconds: number,
  workerProcesses: number,
): Promise<EventLatencyResult> {
  const total = rate * seconds;
  const world = await createEngineWorld({ label: 'bench-latency' });
  try {
    // One customer per event: past the data set's 45,211 rows they repeat under new id prefixes.
    await seedManyCustomers(world, total);
    const customerIds = (await world.db.query<{ id: string }>('SELECT id FROM customers ORDER BY id')).map(
      (row) => row.id,
    );
    await publishJourney(
      world,
      smsThenExit(
        { id: 'txn', type: 'trigger.event', config: { event: 'card_txn' } },
        '您的卡片刚刚完成一笔消费',
        'notified',
      ),
    );
    const fleet = await startWorkerFleet(world, workerProcesses, { WAYMARK_WORKERS: 'events,steps,sends' });
    const queuedAt = new Map<string, number>();
    try {
      const cpu = startRunCpuSplit(world, fleet);
      const started = Date.now();
      let sent = 0;
      while (sent < total) {
        const due = Math.min(total, Math.floor(((Date.now() - started) * rate) / 1000));
        if (due > sent) {
          const events = Array.from({ length: due - sent }, (_, i) => ({
            eventId: `txn-${sent + i + 1}`,
            customerId: customerIds[sent + i]!,
            name: 'card_txn',
            properties: { amount: 120 },
            occurredAt: new Date(),
          }));
          await insertEvents(world.db, events);
          await world.r.producers.events.ingested(events.map((e) => e.eventId));
          const now = Date.now();
          for (const e of events) queuedAt.set(e.eventId, now);
          sent = due;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const achieved = total / ((Date.now() - started) / 1000);
      await world.gateway.waitForAccepted(total, 10 * 60_000);
      const cpuSeconds = cpu.stop();
      const rows = await world.db.query<{ idempotency_key: string; trigger_event_id: string }>(
        'SELECT m.idempotency_key, e.trigger_event_id FROM messages m JOIN enrollments e ON e.id = m.enrollment_id',
      );
      const eventOf = new Map(rows.map((r) => [r.idempotency_key, r.trigger_event_id]));
      const measured = world.gateway.accepted().flatMap((m) => {
        const queued = queuedAt.get(eventOf.get(m.idempotencyKey) ?? '');
        return queued === undefined ? [] : [{ queued, ms: m.at.getTime() - queued }];
      });
      const latencies = sortedAscending(measured.map((m) => m.ms));
      // The same percentiles without the first seconds (JIT, caches, first connections), reported
      // beside the whole run rather than instead of it.
      const steady = sortedAscending(measured.filter((m) => m.queued - started >= warmUpMs).map((m) => m.ms));
      const pct = (p: number, of = latencies) =>
        of[Math.min(of.length - 1, Math.floor((p / 100) * of.length))] ?? 0;
      const windows: number[][] = [];
      for (const m of measured) {
        const index = Math.floor((m.queued - started) / windowMs);
        const window = windows[index] ?? [];
        window.push(m.ms);
        windows[index] = window;
      }
      return {
        bench: 'event-to-provider-latency',
        targetEventsPerSecond: rate,
        achievedEventsPerSecond: Math.round(achieved),
        events: latencies.length,
        workerProcesses,
        p50Ms: round(pct(50), 1),
        p90Ms: round(pct(90), 1),
        p99Ms: round(pct(99), 1),
        maxMs: round(latencies.at(-1) ?? 0, 1),
        afterWarmUp: {
          skippedSeconds: warmUpMs / 1000,
          p50Ms: round(pct(50, steady), 1),
          p99Ms: round(pct(99, steady), 1),
          maxMs: round(steady.at(-1) ?? 0, 1),
        },
        p99MsPerWindow: windows.map((window) => round(pct(99, sortedAscending(window)), 1)),
        cpuSeconds,
      };
    } finally {
      await fleet.stop();
    }
  } finally {
    await world.close();
  }
}

function sortedAscending(values: number[]): number[] {
  return values.sort((a, b) => a - b);
}
