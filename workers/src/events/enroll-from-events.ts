import { evaluate } from '@waymark/conditions';
import type { Db } from '@waymark/db';
import type { ReEntryPolicy } from '@waymark/journey';
import type { LiveJourney } from '../runtime/journey-directory.ts';
import type { EngineResources } from '../runtime/resources.ts';
import { type LoadedEnrollment, loadedEnrollmentSql } from '../steps/loaded-enrollment.ts';
import { type EntryCapacity, hasEntryLimit, lockEntryCapacity } from './entry-limits.ts';
import type { StoredEvent } from './load-event.ts';

export interface EventEnrollment {
  eventId: string;
  journeyId: string;
  enrollmentId: number;
  /** Set when the customer is unknown: the enrollment is recorded as failed with this reason. */
  failedReason?: string;
  /** The new enrollment as a step reads it (with its customer and trigger event), when it is active. */
  loaded?: LoadedEnrollment;
}

interface Entry {
  event: StoredEvent;
  journey: LiveJourney;
  triggerNodeId: string;
}

/**
 * How often an entry that lost a race on its entry number is tried again with the next one. Each
 * loss means another job stored an entry, so this ends; the bound only guards against the absurd.
 */
const maxConflictRetries = 20;

/**
 * Enrolls each event's customer in every live journey whose event trigger matches (name and
 * property condition), as the journey's re-entry policy allows, in one INSERT … SELECT per round,
 * and marks the events processed. Per row it decides eligibility and the entry number together;
 * the unique indexes (one entry per entry number, one per trigger event) settle races: the same
 * event handled twice at once enrolls once, and an entry that lost its entry number to another
 * event is tried again with the next. An event is marked processed by the statement that stores
 * its last entry, so a crash never leaves an event marked whose entries are missing (the sweeper
 * queues unmarked events again, and a repeat enrolls nobody twice); an event that needs no entry,
 * or one whose entries took several rounds, is marked by a last update. Journeys with an entry
 * limit are locked for a transaction around it all (see entry-limits.ts), so the limit is never
 * passed however many jobs run at once; without one there is no transaction to open or commit.
 * An event for a customer the bank has not loaded is recorded as a failed enrollment with the
 * reason (it shows in the journey's report and never counts as an entry). New enrollments are
 * `active` at the trigger and come back as a step reads them; the caller moves them on. `live`
 * comes from the caller's journey snapshot: inside a transaction this must not wait for a second
 * pooled connection.
 */
export async function enrollFromEvents(
  r: EngineResources,
  events: readonly StoredEvent[],
  live: readonly LiveJourney[],
): Promise<EventEnrollment[]> {
  const now = r.clock.now();
  const entries = matchTriggers(events, live, now);
  if (entries.length === 0) {
    await markProcessed(r.db, events, now);
    return [];
  }
  const journeys = [...new Set(entries.map((e) => e.journey))];
  if (!journeys.some(hasEntryLimit)) return enrollEntries(r, events, entries, new Map(), now);
  return r.db.transaction(async (tx) => {
    const capacity = await lockEntryCapacity(tx, journeys, now);
    return enrollEntries({ ...r, db: tx }, events, entries, capacity, now);
  });
}

async function enrollEntries(
  r: EngineResources,
  events: readonly StoredEvent[],
  entries: readonly Entry[],
  capacity: EntryCapacity,
  now: Date,
): Promise<EventEnrollment[]> {
  const enrolled: EventEnrollment[] = [];
  let pending = entries.map((entry) => ({ entry, tries: 0 }));
  let rounds = 0;
  let conflicts = false;
  while (pending.length > 0) {
    // A customer entering the same journey twice in one batch needs two entry numbers: such rows
    // go in a later round, once the first is stored.
    const seen = new Set<string>();
    const round: { entry: Entry; tries: number }[] = [];
    const later: { entry: Entry; tries: number }[] = [];
    for (const item of pending) {
      const key = `${item.entry.journey.id}\u0000${item.entry.event.customerId}`;
      (seen.has(key) ? later : round).push(item);
      seen.add(key);
    }
    // The common case, one round: its statement marks every event whose entries it all stored.
    const marks = rounds === 0 && later.length === 0 ? events : [];
    const outcome = await insertRound(
      r,
      round.map((item) => item.entry),
      capacity,
      marks,
      now,
    );
    rounds += 1;
    const retries: { entry: Entry; tries: number }[] = [];
    outcome.forEach((result, i) => {
      const item = round[i]!;
      if (result === 'refused') return;
      if (result === 'conflict') {
        conflicts = true;
        if (item.tries < maxConflictRetries) retries.push({ entry: item.entry, tries: item.tries + 1 });
        return;
      }
      enrolled.push(result);
      const left = capacity.get(result.journeyId);
      if (left !== undefined && !result.failedReason) capacity.set(result.journeyId, left - 1);
    });
    pending = [...retries, ...later];
  }
  if (rounds > 1 || conflicts) await markProcessed(r.db, events, now);
  return enrolled;
}

/** Only the first processing sets the time: a duplicate job leaves the record of the first alone. */
async function markProcessed(db: Db, events: readonly StoredEvent[], now: Date): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    'UPDATE events SET processed_at = $2 WHERE seq = ANY($1::bigint[]) AND processed_at IS NULL',
    [events.map((event) => event.seq), now],
    { prepare: true },
  );
}

/** Every (event, journey) pair whose event trigger matches, with the trigger node. */
function matchTriggers(events: readonly StoredEvent[], live: readonly LiveJourney[], now: Date): Entry[] {
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
  return entries;
}

/**
 * Within a limited journey, the first known customers in event order take the places left. Only
 * rounds with a limited journey rank their rows: the window costs planning time on every event job.
 */
const firstPlacesTaken = `
  SELECT * FROM (SELECT eligible.*, row_number() OVER (PARTITION BY journey_id, known ORDER BY ord) AS place
                   FROM eligible) ranked
   WHERE NOT known OR cap IS NULL OR place <= cap`;

/**
 * One round, one statement. Per entry, in order: the enrollment made, `refused` (the re-entry
 * policy, a repeated event, or the journey's entry limit said no) or `conflict` (eligible, but
 * another job took its entry number first: worth another round).
 */
async function insertRound(
  r: EngineResources,
  round: readonly Entry[],
  capacity: EntryCapacity,
  /** Events to mark processed, each only if none of its entries in this round lost its entry number. */
  marks: readonly StoredEvent[],
  now: Date,
): Promise<(EventEnrollment | 'refused' | 'conflict')[]> {
  const { columns, joins } = loadedEnrollmentSql();
  const rows = await r.db.query<LoadedEnrollment & { ord: number; exit_reason: string | null }>(
    `WITH v AS (
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::timestamptz[], $9::int[])
              WITH ORDINALITY AS v(journey_id, version, customer_id, node, event_id, policy, reentry_before, cap, ord)
     ), eligible AS (
       SELECT v.*, k.known, prior.next_seq
         FROM v
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
     ), chosen AS (${capacity.size > 0 ? firstPlacesTaken : 'SELECT * FROM eligible'}), inserted AS (
       INSERT INTO enrollments (journey_id, version, customer_id, entry_seq, current_node, status, trigger_event_id,
                                entered_at, updated_at, exit_reason, exited_at)
       SELECT journey_id, version, customer_id, next_seq, node,
              CASE WHEN known THEN 'active' ELSE 'failed' END, event_id, $8, $8,
              CASE WHEN known THEN NULL ELSE 'customer-unknown: no customer ' || customer_id || ' in the customer base' END,
              CASE WHEN known THEN NULL ELSE $8::timestamptz END
         FROM chosen
       ON CONFLICT DO NOTHING
       RETURNING *
     ), conflicted AS (
       SELECT ch.event_id FROM chosen ch
        WHERE NOT EXISTS (SELECT 1 FROM inserted i
                           WHERE i.journey_id = ch.journey_id AND i.customer_id = ch.customer_id
                             AND i.trigger_event_id = ch.event_id)
     ), processed AS (
       UPDATE events SET processed_at = $8
        WHERE seq = ANY($10::bigint[]) AND processed_at IS NULL
          AND event_id NOT IN (SELECT event_id FROM conflicted)
     )
     SELECT ch.ord, ${columns}, e.exit_reason
       FROM chosen ch
       LEFT JOIN inserted e
         ON e.journey_id = ch.journey_id AND e.customer_id = ch.customer_id AND e.trigger_event_id = ch.event_id
       ${joins}`,
    [
      round.map((e) => e.journey.id),
      round.map((e) => e.journey.version.version),
      round.map((e) => e.event.customerId),
      round.map((e) => e.triggerNodeId),
      round.map((e) => e.event.eventId),
      round.map((e) => e.journey.version.settings.reEntry.policy),
      round.map((e) => reEntryBefore(e.journey.version.settings.reEntry, now)),
      now,
      round.map((e) => capacity.get(e.journey.id) ?? null),
      marks.map((event) => event.seq),
    ],
    { prepare: true },
  );
  const outcome: (EventEnrollment | 'refused' | 'conflict')[] = round.map(() => 'refused');
  for (const row of rows) {
    const entry = round[row.ord - 1]!;
    outcome[row.ord - 1] =
      row.id === null
        ? 'conflict'
        : {
            eventId: entry.event.eventId,
            journeyId: entry.journey.id,
            enrollmentId: row.id,
            ...(row.status === 'failed' && row.exit_reason
              ? { failedReason: row.exit_reason }
              : { loaded: { ...row, messages: null } }),
          };
  }
  return outcome;
}

/** For `afterDays`: the latest previous entry that still allows a new one. */
function reEntryBefore(policy: ReEntryPolicy, now: Date): Date {
  return policy.policy === 'afterDays' ? new Date(now.getTime() - policy.days * 86_400_000) : now;
}
