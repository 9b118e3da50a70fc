import { evaluate } from '@waymark/conditions';
import type { ReEntryPolicy } from '@waymark/journey';
import type { LiveJourney } from '../runtime/journey-directory.ts';
import type { EngineResources } from '../runtime/resources.ts';
import type { CompiledNode } from '../steps/compiled-version.ts';
import type { StoredEvent } from './load-event.ts';

export interface EventEnrollment {
  journeyId: string;
  enrollmentId: number;
  /** Set when the customer is unknown: the enrollment is recorded as failed with this reason. */
  failedReason?: string;
}

/**
 * Enrolls the event's customer in every live journey whose event trigger matches (name and
 * property condition), as the journey's re-entry policy allows. The new enrollments are `active`
 * at the trigger; the caller moves them on. One INSERT … SELECT decides
 * eligibility and the entry number together, so two workers handling the same event, or the
 * same event delivered twice, enroll at most once: a repeated event id is refused outright, and
 * a race on the entry number ends in ON CONFLICT DO NOTHING.
 */
export async function enrollFromEvent(r: EngineResources, event: StoredEvent): Promise<EventEnrollment[]> {
  const now = r.clock.now();
  const matches: { journey: LiveJourney; trigger: CompiledNode }[] = [];
  for (const journey of (await r.journeys.snapshot()).live) {
    for (const trigger of journey.version.triggers.event) {
      const config = trigger.config as { event: string; condition?: Parameters<typeof evaluate>[0] };
      if (config.event !== event.name) continue;
      if (
        config.condition &&
        !evaluate(config.condition, { customer: { attributes: {}, tags: [] }, event, now })
      )
        continue;
      matches.push({ journey, trigger });
      break;
    }
  }
  if (matches.length === 0) return [];
  const unknownReason = `customer-unknown: no customer ${event.customerId} in the customer base`;
  const enrolled: EventEnrollment[] = [];
  for (const { journey, trigger } of matches) {
    if (!(await withinEntryLimits(r, journey, now))) continue;
    // An event for a customer the bank has not loaded is still recorded, as a failed enrollment
    // with the reason, so the journey's report shows it; it never counts as an entry.
    const [row] = await r.db.query<{ id: number; status: string }>(
      `INSERT INTO enrollments (journey_id, version, customer_id, entry_seq, current_node, status, trigger_event_id,
                                entered_at, updated_at, exit_reason, exited_at)
       SELECT $1, $2, $3, COALESCE(max(e.entry_seq), 0) + 1, $4,
              CASE WHEN k.known THEN 'active' ELSE 'failed' END, $5, $6, $6,
              CASE WHEN k.known THEN NULL ELSE $7 END, CASE WHEN k.known THEN NULL ELSE $6::timestamptz END
         FROM (SELECT EXISTS (SELECT 1 FROM customers WHERE id = $3) AS known) k
         LEFT JOIN enrollments e ON e.journey_id = $1 AND e.customer_id = $3
        GROUP BY k.known
       HAVING bool_or(e.trigger_event_id = $5) IS NOT TRUE AND ${reEntryCheck(journey.version.settings.reEntry)}
       ON CONFLICT (journey_id, customer_id, entry_seq) DO NOTHING
       RETURNING id, status`,
      [
        journey.id,
        journey.version.version,
        event.customerId,
        trigger.id,
        event.eventId,
        now,
        unknownReason,
        ...reEntryParams(journey.version.settings.reEntry, now),
      ],
    );
    if (!row) continue;
    enrolled.push({
      journeyId: journey.id,
      enrollmentId: row.id,
      ...(row.status === 'failed' ? { failedReason: unknownReason } : {}),
    });
  }
  return enrolled;
}

/** Eligibility by re-entry policy; failed enrollments (unknown customer) never count as an entry. */
function reEntryCheck(policy: ReEntryPolicy): string {
  switch (policy.policy) {
    case 'once':
      return `count(*) FILTER (WHERE e.status <> 'failed') = 0`;
    case 'afterDays':
      return `COALESCE(max(e.entered_at) FILTER (WHERE e.status <> 'failed'), '-infinity') <= $8`;
    case 'always':
      return 'true';
  }
}

/** `$8` of the `afterDays` check: the latest previous entry that still allows a new one. */
function reEntryParams(policy: ReEntryPolicy, now: Date): Date[] {
  return policy.policy === 'afterDays' ? [new Date(now.getTime() - policy.days * 86_400_000)] : [];
}

/**
 * Entry limits bound a campaign's cost. Counted before inserting, so under heavy concurrency a
 * limit can be passed by the number of workers racing at that moment; it is a budget, not a lock.
 */
async function withinEntryLimits(r: EngineResources, journey: LiveJourney, now: Date): Promise<boolean> {
  const limit = journey.version.settings.entryLimit;
  if (!limit?.total && !limit?.perDay) return true;
  const [counts] = await r.db.query<{ total: number; today: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE entered_at >= $2)::int AS today
       FROM enrollments WHERE journey_id = $1 AND status <> 'failed'`,
    [journey.id, new Date(now.getTime() - 86_400_000)],
  );
  if (limit.total && (counts?.total ?? 0) >= limit.total) return false;
  if (limit.perDay && (counts?.today ?? 0) >= limit.perDay) return false;
  return true;
}
