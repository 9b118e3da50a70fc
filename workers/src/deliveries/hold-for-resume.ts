import { parkReasons } from '../runtime/park-reasons.ts';
import type { EngineResources } from '../runtime/resources.ts';
import type { DeliverableMessage } from './load-deliverable.ts';

/**
 * Parks the enrollments of messages held by a paused journey: resume releases them at once, and
 * the sweeper re-checks them after `pausedRecheckMs` in case the resume job is lost.
 */
export async function holdForResume(
  r: EngineResources,
  held: readonly DeliverableMessage[],
): Promise<number> {
  const enrollmentIds = held.map((m) => m.enrollment_id).filter((id): id is number => id !== null);
  if (enrollmentIds.length === 0) return held.length;
  const recheckAt = new Date(r.clock.now().getTime() + r.settings.pausedRecheckMs);
  await r.db.query(
    `UPDATE enrollments SET status = 'waiting', waiting_event = $2, wake_at = $3
      WHERE id = ANY($1::bigint[]) AND status IN ('active', 'waiting')`,
    [enrollmentIds, parkReasons.resume, recheckAt],
  );
  return held.length;
}
