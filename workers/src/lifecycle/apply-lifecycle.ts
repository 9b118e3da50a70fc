import type { LifecycleJob } from '@waymark/queues';
import { parkReasons } from '../runtime/park-reasons.ts';
import type { EngineResources } from '../runtime/resources.ts';
import { enqueueSteps } from '../waits/wake-due.ts';

export interface LifecycleResult {
  action: LifecycleJob['action'];
  /** Customers released (resume) or exited (archive). */
  affected: number;
}

/**
 * Makes a journey's status match the planner's action (idempotently: the server may already have
 * written it) and applies what follows from it:
 *
 * - pause: new entries and sends stop; both are checked against the journey status when they
 *   happen, so nothing else changes now.
 * - resume: customers held at a send are released at once.
 * - archive: every customer still inside exits with the reason, and their unsent messages are
 *   suppressed, in pages so a million-customer journey does not hold one huge transaction.
 */
export async function applyLifecycle(
  r: EngineResources,
  job: LifecycleJob,
  onProgress: (affected: number) => Promise<void> = async () => undefined,
): Promise<LifecycleResult> {
  const now = r.clock.now();
  switch (job.action) {
    case 'pause':
      await r.db.query(
        `UPDATE journeys SET status = 'paused', updated_at = $2 WHERE id = $1 AND status = 'live'`,
        [job.journeyId, now],
      );
      return { action: job.action, affected: 0 };
    case 'resume': {
      await r.db.query(
        `UPDATE journeys SET status = 'live', updated_at = $2 WHERE id = $1 AND status = 'paused'`,
        [job.journeyId, now],
      );
      let affected = 0;
      for (;;) {
        const rows = await r.db.query<{ id: number }>(
          `UPDATE enrollments SET status = 'active', waiting_event = NULL, wake_at = NULL, updated_at = $3
            WHERE id IN (SELECT id FROM enrollments
                          WHERE journey_id = $1 AND status = 'waiting' AND waiting_event = $2
                          LIMIT $4 FOR UPDATE SKIP LOCKED)
            RETURNING id`,
          [job.journeyId, parkReasons.resume, r.clock.now(), r.settings.pageSize],
        );
        await enqueueSteps(
          r,
          rows.map((row) => row.id),
          'resumed',
        );
        affected += rows.length;
        await onProgress(affected);
        if (rows.length < r.settings.pageSize) return { action: job.action, affected };
      }
    }
    case 'archive': {
      await r.db.query(
        `UPDATE journeys SET status = 'archived', archived_at = COALESCE(archived_at, $2), updated_at = $2
          WHERE id = $1 AND status <> 'archived'`,
        [job.journeyId, now],
      );
      const reason = job.reason ? `journey-archived: ${job.reason}` : 'journey-archived';
      let affected = 0;
      for (;;) {
        const rows = await r.db.query<{ id: number }>(
          `UPDATE enrollments
              SET status = 'exited', exit_reason = $2, exited_at = $3, updated_at = $3, wake_at = NULL, waiting_event = NULL
            WHERE id IN (SELECT id FROM enrollments
                          WHERE journey_id = $1 AND status IN ('active', 'waiting')
                          LIMIT $4 FOR UPDATE SKIP LOCKED)
            RETURNING id`,
          [job.journeyId, reason, r.clock.now(), r.settings.pageSize],
        );
        affected += rows.length;
        await onProgress(affected);
        if (rows.length < r.settings.pageSize) break;
      }
      await r.db.query(
        `UPDATE messages SET status = 'suppressed', reason = 'journey-archived: the journey was archived before the message left', updated_at = $2
          WHERE journey_id = $1 AND status = 'claimed'`,
        [job.journeyId, r.clock.now()],
      );
      return { action: job.action, affected };
    }
  }
}
