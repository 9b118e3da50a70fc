import { evaluate } from '@waymark/conditions';
import type { ReEntryPolicy } from '@waymark/journey';
import type { LiveJourney } from '../runtime/journey-directory.ts';
import type { EngineResources } from '../runtime/resources.ts';
import type { StoredEvent } from './load-event.ts';

export interface EventEnrollment {
  eventId: string;
  journeyId: string;
  enrollmentId: number;
  /** Set when the customer is unknown: the enrollment is recorded as failed with this reason. */
  failedReason?: string;
}

interface Entry {
  event: StoredEvent;
  journey: LiveJourney;
  triggerNodeId: string;
}

/**
 * Enrolls each event's customer in every live journey whose event trigger matches (name and
 * property condition), as the journey's re-entry policy allows, in one INSERT … SELECT for the
 * whole batch. Per row it decides eligibility and the entry number together, so two workers
 * handling the same event, or the same event delivered twice, enroll at most once: a repeated
 * event id is refused outright, and in a race the unique indexes (one entry per entry number, one
 * per trigger event) end it in ON CONFLICT DO NOTHING.
 * An event for a customer the bank has not loaded is recorded as a failed enrollment with the
 * reason (it shows in the journey's report and never counts as an entry). New enrollments are
 * `active` at the trigger; the caller moves them on. `live` comes from the caller's journey
 * snapshot: inside a transaction this must not wait for a second pooled connection.
 */
export async function enrollFromEvents(
  r: EngineResources,
  events: readonly StoredEvent[],
  live: readonly LiveJourney[],
): Promise<EventEnrollment[]> {
  const now = r.clock.now();
  const entries: Entry[] = [];
  for (const event of events) {
    for (const journey of live) {
      const trigger = journey.version.triggers.event.find((node) => {
        const config = node.config as { event: string; condition?: Parameters<typeof evaluate>[0] };
        if (config.event !== event.name) return false;
        return (
          !config.condition ||
          evaluate(config.condition, { customer: { attributes: {}, tags: [] }, event, now })
        );
      });
      if (trigger) entries.push({ event, journey, triggerNodeId: trigger.id });
    }
  }
  const allowed = await withinEntryLimits(r, [...new Set(entries.map((e) => e.journey))], now);
  const enrolled: EventEnrollment[] = [];
  // A customer entering the same journey twice in one batch needs two entry numbers: such rows go
  // in a later round, after the first is committed.
  let pending = entries.filter((e) => allowed.has(e.journey.id));
  while (pending.length > 0) {
    const seen = new Set<string>();
    const round: Entry[] = [];
    const later: Entry[] = [];
    for (const entry of pending) {
      const key = `${entry.journey.id}\u0000${entry.event.customerId}`;
      (seen.has(key) ? later : round).push(entry);
      seen.add(key);
    }
    enrolled.push(...(await insertRound(r, round, now)));
    pending = later;
  }
  return enrolled;
}

async function insertRound(
  r: EngineResources,
  round: readonly Entry[],
  now: Date,
): Promise<EventEnrollment[]> {
  const rows = await r.db.query<{
    id: number;
    status: string;
    journey_id: string;
    trigger_event_id: string;
    exit_reason: string | null;
  }>(
    `INSERT INTO enrollments (journey_id, version, customer_id, entry_seq, current_node, status, trigger_event_id,
                              entered_at, updated_at, exit_reason, exited_at)
     SELECT v.journey_id, v.version, v.customer_id, prior.next_seq, v.node,
            CASE WHEN k.known THEN 'active' ELSE 'failed' END, v.event_id, $8, $8,
            CASE WHEN k.known THEN NULL ELSE 'customer-unknown: no customer ' || v.customer_id || ' in the customer base' END,
            CASE WHEN k.known THEN NULL ELSE $8::timestamptz END
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
            AS v(journey_id, version, customer_id, node, event_id, policy, reentry_before)
       CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM customers c WHERE c.id = v.customer_id) AS known) k
       CROSS JOIN LATERAL (
         SELECT COALESCE(max(e.entry_seq), 0) + 1 AS next_seq,
                bool_or(e.trigger_event_id = v.event_id) AS seen,
                count(*) FILTER (WHERE e.status <> 'failed') AS entries,
                max(e.entered_at) FILTER (WHERE e.status <> 'failed') AS last_entry
           FROM enrollments e WHERE e.journey_id = v.journey_id AND e.customer_id = v.customer_id
       ) prior
      WHERE prior.seen IS NOT TRUE
        AND (v.policy = 'always'
             OR (v.policy = 'once' AND prior.entries = 0)
             OR (v.policy = 'afterDays' AND COALESCE(prior.last_entry, '-infinity') <= v.reentry_before))
     ON CONFLICT DO NOTHING
     RETURNING id, status, journey_id, trigger_event_id, exit_reason`,
    [
      round.map((e) => e.journey.id),
      round.map((e) => e.journey.version.version),
      round.map((e) => e.event.customerId),
      round.map((e) => e.triggerNodeId),
      round.map((e) => e.event.eventId),
      round.map((e) => e.journey.version.settings.reEntry.policy),
      round.map((e) => reEntryBefore(e.journey.version.settings.reEntry, now)),
      now,
    ],
  );
  return rows.map((row) => ({
    eventId: row.trigger_event_id,
    journeyId: row.journey_id,
    enrollmentId: row.id,
    ...(row.status === 'failed' && row.exit_reason ? { failedReason: row.exit_reason } : {}),
  }));
}

/** For `afterDays`: the latest previous entry that still allows a new one. */
function reEntryBefore(policy: ReEntryPolicy, now: Date): Date {
  return policy.policy === 'afterDays' ? new Date(now.getTime() - policy.days * 86_400_000) : now;
}

/**
 * Journeys (of those given) still under their entry limits. Counted before inserting, so under
 * heavy concurrency a limit can be passed by what workers insert at that same moment: it is a
 * budget, not a lock.
 */
async function withinEntryLimits(
  r: EngineResources,
  journeys: readonly LiveJourney[],
  now: Date,
): Promise<Set<string>> {
  const allowed = new Set<string>();
  for (const journey of journeys) {
    const limit = journey.version.settings.entryLimit;
    if (!limit?.total && !limit?.perDay) {
      allowed.add(journey.id);
      continue;
    }
    const [counts] = await r.db.query<{ total: number; today: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE entered_at >= $2)::int AS today
         FROM enrollments WHERE journey_id = $1 AND status <> 'failed'`,
      [journey.id, new Date(now.getTime() - 86_400_000)],
    );
    if (limit.total && (counts?.total ?? 0) >= limit.total) continue;
    if (limit.perDay && (counts?.today ?? 0) >= limit.perDay) continue;
    allowed.add(journey.id);
  }
  return allowed;
}
