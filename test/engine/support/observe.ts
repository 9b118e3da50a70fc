import type { QueueKey } from '@waymark/queues';
import type { EngineWorld } from './engine-world.ts';

/** Per `node.port`, how many enrollments left that way (the numbers the canvas shows on edges). */
export async function transitionCounts(
  world: EngineWorld,
  journeyId: string,
): Promise<Record<string, number>> {
  const rows = await world.testDb.db.query<{ node_id: string; port: string; n: number }>(
    'SELECT node_id, port, sum(passed)::int AS n FROM journey_node_counts WHERE journey_id = $1 GROUP BY 1, 2',
    [journeyId],
  );
  return Object.fromEntries(rows.map((row) => [`${row.node_id}.${row.port}`, row.n]));
}

export async function statusCounts(world: EngineWorld, journeyId: string): Promise<Record<string, number>> {
  const rows = await world.testDb.db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM enrollments WHERE journey_id = $1 GROUP BY 1',
    [journeyId],
  );
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

const busyQueues: QueueKey[] = [
  'events',
  'steps',
  'deliver-sms',
  'deliver-webhook',
  'wakeups',
  'segments',
  'lifecycle',
  'maintenance',
];

/**
 * Resolves once no queue has waiting or running jobs, two looks in a row (a job finishing between
 * two reads may have queued work in a queue already read). Delayed jobs (future wake-ups) do not
 * count. This polls the queues; it never waits for time to pass in the journey.
 */
export async function drained(world: EngineWorld, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  let idleLooks = 0;
  for (;;) {
    let busy = 0;
    for (const key of busyQueues) {
      const counts = await world.r.producers.queue(key).getJobCounts('waiting', 'active', 'prioritized');
      busy += (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0);
    }
    idleLooks = busy === 0 ? idleLooks + 1 : 0;
    if (idleLooks >= 2) return;
    if (Date.now() - started > timeoutMs) throw new Error(`queues still busy after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
