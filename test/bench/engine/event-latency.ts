import { insertEvents } from '@waymark/db';
import { publishJourney, smsThenExit } from '../../engine/support/engine-world.ts';
import { createEngineWorld, startWorkerFleet } from './bench-world.ts';
import { round } from './bullmq-baseline.ts';
import { type CpuSplit, startRunCpuSplit } from './cpu-split.ts';
import { seedManyCustomers } from './seed-many.ts';

interface Percentiles {
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface EventLatencyResult extends Percentiles {
  bench: 'event-to-provider-latency';
  targetEventsPerSecond: number;
  achievedEventsPerSecond: number;
  /** Events of the measured `seconds` (the warm-up's come first and are reported apart). */
  events: number;
  workerProcesses: number;
  /**
   * The first seconds after the worker processes start, at the same rate: cold code, new
   * connections, first plans. Not in the figures above, as the BullMQ baseline's first drain is not.
   */
  warmUp: Percentiles & { seconds: number };
  /** p99 of the events queued in each 10-second window: a tail spread evenly is load, one in a window is a pause. */
  p99MsPerWindow: number[];
  /** CPU seconds per process name while the measured events arrived and were delivered. */
  cpuSeconds: Record<string, number>;
}

const warmUpMs = 5_000;
const windowMs = 10_000;

/**
 * Open-loop load: events arrive at `rate` per second (stored and queued as the server does), each
 * starting a journey straight to an SMS: for a warm-up of five seconds after the worker processes
 * start, then for the measured `seconds`. Latency is from queuing the event to the local gateway
 * receiving its message, matched through the message's enrollment.
 */
export async function eventLatency(
  rate: number,
  seconds: number,
  workerProcesses: number,
): Promise<EventLatencyResult> {
  const total = Math.round((rate * (warmUpMs + seconds * 1000)) / 1000);
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
      const started = Date.now();
      const measureFrom = started + warmUpMs;
      let cpu: CpuSplit | undefined;
      let sent = 0;
      while (sent < total) {
        if (!cpu && Date.now() >= measureFrom) cpu = startRunCpuSplit(world, fleet);
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
      const cpuSeconds = cpu?.stop() ?? {};
      const rows = await world.db.query<{ idempotency_key: string; trigger_event_id: string }>(
        'SELECT m.idempotency_key, e.trigger_event_id FROM messages m JOIN enrollments e ON e.id = m.enrollment_id',
      );
      const eventOf = new Map(rows.map((r) => [r.idempotency_key, r.trigger_event_id]));
      const all = world.gateway.accepted().flatMap((m) => {
        const queued = queuedAt.get(eventOf.get(m.idempotencyKey) ?? '');
        return queued === undefined ? [] : [{ queued, ms: m.at.getTime() - queued }];
      });
      const measured = all.filter((m) => m.queued >= measureFrom);
      const windows: number[][] = [];
      for (const m of measured) {
        const index = Math.floor((m.queued - measureFrom) / windowMs);
        const window = windows[index] ?? [];
        window.push(m.ms);
        windows[index] = window;
      }
      return {
        bench: 'event-to-provider-latency',
        targetEventsPerSecond: rate,
        achievedEventsPerSecond: Math.round(achieved),
        events: measured.length,
        workerProcesses,
        ...percentiles(measured.map((m) => m.ms)),
        warmUp: {
          seconds: warmUpMs / 1000,
          ...percentiles(all.filter((m) => m.queued < measureFrom).map((m) => m.ms)),
        },
        p99MsPerWindow: windows.map((window) => percentiles(window).p99Ms),
        cpuSeconds,
      };
    } finally {
      await fleet.stop();
    }
  } finally {
    await world.close();
  }
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0, 1);
  return { p50Ms: at(50), p90Ms: at(90), p99Ms: at(99), maxMs: round(sorted.at(-1) ?? 0, 1) };
}
