import { rmTaskOutcomeEvent } from '@waymark/journey/runtime';
import type { EngineResources } from '../runtime/resources.ts';
import type { StoredEvent } from './load-event.ts';

/**
 * Wakes (`waiting → active`) the customer's enrollments waiting for this event and returns them
 * for the caller to move on. Whether the event qualifies (its condition, its time inside the
 * window) is for the wait's executor to judge from Postgres: the event and the timeout are
 * settled by the same conditional update whichever job gets there first. An RM task's outcome
 * names the one enrollment it closes, so the customer's other open tasks are left asleep.
 */
export async function resumeWaitingForEvent(r: EngineResources, event: StoredEvent): Promise<number[]> {
  const only = event.name === rmTaskOutcomeEvent ? event.properties.enrollmentId : undefined;
  const rows = await r.db.query<{ id: number }>(
    `UPDATE enrollments SET status = 'active', updated_at = $3
      WHERE customer_id = $1 AND status = 'waiting' AND waiting_event = $2
        AND ($4::bigint IS NULL OR id = $4)
      RETURNING id`,
    [event.customerId, event.name, r.clock.now(), typeof only === 'number' ? only : null],
  );
  return rows.map((row) => row.id);
}
