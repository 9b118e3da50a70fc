import { evaluate } from '@waymark/conditions';
import type { EngineResources } from '../runtime/resources.ts';
import type { StoredEvent } from './load-event.ts';

export interface ConversionRecord {
  enrollmentId: number;
  journeyId: string;
  exited: boolean;
}

/**
 * Records a conversion for each of the customer's enrollments whose journey goal this event meets
 * (event name, condition, inside the window after entry). At most one per enrollment (unique),
 * attributed to the enrollment's A/B path and the last message sent to it before the event; with
 * exit-on-goal the customer then leaves the journey.
 */
export async function recordConversions(r: EngineResources, event: StoredEvent): Promise<ConversionRecord[]> {
  const candidates = await r.db.query<{
    id: number;
    journey_id: string;
    version: number;
    entered_at: Date;
    ab_path: Record<string, string>;
  }>(
    `SELECT e.id, e.journey_id, e.version, e.entered_at, e.ab_path FROM enrollments e
      WHERE e.customer_id = $1 AND e.status <> 'failed' AND e.entered_at <= $2
        AND NOT EXISTS (SELECT 1 FROM conversions c WHERE c.enrollment_id = e.id)`,
    [event.customerId, event.occurredAt],
  );
  if (candidates.length === 0) return [];
  const [customer] = await r.db.query<{ attributes: Record<string, unknown>; tags: string[] }>(
    'SELECT attributes, tags FROM customers WHERE id = $1',
    [event.customerId],
  );
  const now = r.clock.now();
  const recorded: ConversionRecord[] = [];
  for (const enrollment of candidates) {
    const version = await r.versions.get(enrollment.journey_id, enrollment.version);
    const goal = version?.settings.goal;
    if (!version || !goal || goal.event !== event.name) continue;
    const windowEnd = new Date(enrollment.entered_at).getTime() + goal.windowDays * 86_400_000;
    if (event.occurredAt.getTime() > windowEnd) continue;
    if (
      goal.condition &&
      !evaluate(goal.condition, { customer: customer ?? { attributes: {}, tags: [] }, event, now })
    ) {
      continue;
    }
    const [row] = await r.db.query<{ id: number }>(
      `INSERT INTO conversions (enrollment_id, journey_id, version, customer_id, event_id, value, ab_path, message_id, converted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7,
               (SELECT id FROM messages WHERE customer_id = $4 AND enrollment_id = $1 AND status IN ('sent', 'delivered')
                   AND COALESCE(sent_at, created_at) <= $8 ORDER BY COALESCE(sent_at, created_at) DESC, id DESC LIMIT 1),
               $8)
       ON CONFLICT (enrollment_id) DO NOTHING RETURNING id`,
      [
        enrollment.id,
        enrollment.journey_id,
        enrollment.version,
        event.customerId,
        event.eventId,
        goal.value ?? null,
        JSON.stringify(enrollment.ab_path),
        event.occurredAt,
      ],
    );
    if (!row) continue;
    let exited = false;
    if (version.settings.exitOnGoal) {
      const left = await r.db.query(
        `UPDATE enrollments SET status = 'exited', exit_reason = 'converted', exited_at = $2, updated_at = $2,
                wake_at = NULL, waiting_event = NULL
          WHERE id = $1 AND status IN ('active', 'waiting') RETURNING id`,
        [enrollment.id, now],
      );
      exited = left.length > 0;
    }
    recorded.push({ enrollmentId: enrollment.id, journeyId: enrollment.journey_id, exited });
  }
  return recorded;
}
