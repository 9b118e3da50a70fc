import type { EngineResources } from '../runtime/resources.ts';
import { scheduleSegmentRuns } from '../segments/schedule-segment-runs.ts';
import { enqueueSteps, wakeDueEnrollments } from '../waits/wake-due.ts';
import { compactNodeCounts } from './compact-node-counts.ts';
import { foldCountDays } from './fold-count-days.ts';
import { requeueUnprocessedEvents } from './requeue-events.ts';

export interface SweepResult {
  woken: number;
  restarted: number;
  /** Stored events queued again because their job was lost. */
  requeuedEvents: number;
  /** Scheduled segment runs queued (daily / weekly segment journeys whose time has come). */
  segmentRuns: number;
  /** Per-slot count rows of settled hours folded into one row each (see compactNodeCounts). */
  foldedCounts: number;
  /** Hourly count rows older than two days folded into their local day (see foldCountDays). */
  foldedHours: number;
}

/**
 * The safety net that makes Postgres, not Redis, the source of truth: wakes every overdue wait
 * (their bucket job may have been lost), restarts enrollments left `active` with no job (a crash
 * between a commit and an enqueue, a Redis flush) and queues again events stored but never
 * processed. Everything it re-queues is safe to run twice. It also folds the per-node counts of
 * settled hours, and of days past, so the live views read one row per node, port, path and hour
 * (or day, once two days old).
 */
export async function sweep(r: EngineResources): Promise<SweepResult> {
  const woken = await wakeDueEnrollments(r, 'swept');
  let restarted = 0;
  for (;;) {
    const now = r.clock.now();
    const staleBefore = new Date(now.getTime() - r.settings.staleActiveMs);
    const rows = await r.db.query<{ id: number }>(
      `UPDATE enrollments SET updated_at = $1
        WHERE id IN (SELECT id FROM enrollments
                      WHERE status = 'active' AND updated_at < $2
                      ORDER BY updated_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [now, staleBefore, r.settings.pageSize],
    );
    await enqueueSteps(
      r,
      rows.map((row) => row.id),
      'swept',
    );
    restarted += rows.length;
    if (rows.length < r.settings.pageSize) break;
  }
  const requeuedEvents = await requeueUnprocessedEvents(r);
  const segmentRuns = await scheduleSegmentRuns(r);
  const foldedCounts = await compactNodeCounts(r);
  const foldedHours = await foldCountDays(r);
  if (woken + restarted > 0) r.log.info('sweep resumed enrollments', { woken, restarted });
  return { woken, restarted, requeuedEvents, segmentRuns, foldedCounts, foldedHours };
}
