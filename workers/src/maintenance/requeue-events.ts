import { maxEventsPerJob } from '@waymark/queues';
import type { EngineResources } from '../runtime/resources.ts';

/**
 * Queues again every event stored more than `unprocessedEventGraceMs` ago that no event job has
 * processed: its job was lost (a Redis flush or restart without AOF), since the server queues an
 * event's job right after storing it. Reads only the partial index of unprocessed events.
 *
 * Events are grouped by storage slot (`seq` / 100), so the same stranded events are queued under
 * the same job id by every sweep: BullMQ ignores the repeat while that job is pending, and an
 * event whose job failed for good is not retried in a loop. While the event queue holds a job
 * older than the grace period the workers are behind, not missing work: queuing the backlog a
 * second time would only slow them down, so the sweep waits.
 */
export async function requeueUnprocessedEvents(r: EngineResources): Promise<number> {
  const grace = r.settings.unprocessedEventGraceMs;
  if (await eventQueueBehind(r, grace)) {
    r.log.info('event queue is behind; unprocessed events not requeued this time');
    return 0;
  }
  let requeued = 0;
  let afterSeq = 0;
  for (;;) {
    const rows = await r.db.query<{ seq: number; event_id: string }>(
      `SELECT seq, event_id FROM events
        WHERE processed_at IS NULL AND seq > $1
          AND received_at < now() - make_interval(secs => $2::double precision / 1000)
        ORDER BY seq LIMIT $3`,
      [afterSeq, grace, r.settings.pageSize],
    );
    const slots = new Map<number, string[]>();
    for (const row of rows) {
      const slot = Math.floor(row.seq / maxEventsPerJob);
      slots.set(slot, [...(slots.get(slot) ?? []), row.event_id]);
    }
    await Promise.all([...slots.values()].map((ids) => r.producers.events.ingested(ids)));
    requeued += rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < r.settings.pageSize) break;
    afterSeq = last.seq;
  }
  if (requeued > 0) r.log.warn('requeued events whose jobs were lost', { events: requeued });
  return requeued;
}

async function eventQueueBehind(r: EngineResources, graceMs: number): Promise<boolean> {
  const [oldest] = await r.producers.queue('events').getJobs(['waiting'], 0, 0, true);
  return oldest !== undefined && Date.now() - oldest.timestamp > graceMs;
}
