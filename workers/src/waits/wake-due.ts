import type { StepCause } from '@waymark/queues';
import { digestOf } from '@waymark/queues';
import type { EngineResources } from '../runtime/resources.ts';

/**
 * Resumes every waiting enrollment whose wake-up time has come, a page at a time. Each page is
 * claimed with one conditional update (`waiting → active`, `SKIP LOCKED`), so two sweepers never
 * wake the same customer twice, and then handed to the step queue in batches. Returns how many
 * woke. Postgres holds every wake-up time, so this alone recovers all waits after a Redis flush.
 */
export async function wakeDueEnrollments(r: EngineResources, cause: StepCause = 'woken'): Promise<number> {
  let total = 0;
  for (;;) {
    const now = r.clock.now();
    const rows = await r.db.query<{ id: number }>(
      `UPDATE enrollments SET status = 'active', updated_at = $1
        WHERE id IN (SELECT id FROM enrollments
                      WHERE status = 'waiting' AND wake_at <= $1
                      ORDER BY wake_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [now, r.settings.pageSize],
    );
    await enqueueSteps(
      r,
      rows.map((row) => row.id),
      cause,
    );
    total += rows.length;
    if (rows.length < r.settings.pageSize) return total;
  }
}

/** Hands enrollment ids to the step queue in batches named by their content. */
export async function enqueueSteps(
  r: EngineResources,
  ids: readonly number[],
  cause: StepCause,
): Promise<void> {
  const batches = [];
  for (let i = 0; i < ids.length; i += r.settings.stepBatchSize) {
    const slice = ids.slice(i, i + r.settings.stepBatchSize);
    batches.push({ enrollmentIds: slice, cause, dedupeKey: `${r.clock.now().getTime()}.${digestOf(slice)}` });
  }
  await r.producers.steps.advance(batches);
}
