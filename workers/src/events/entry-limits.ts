import type { Db } from '@waymark/db';
import type { LiveJourney } from '../runtime/journey-directory.ts';

// Advisory lock class of entry limits (the migrator uses 0x57a7): the object id is a hash of the
// journey id, so two limited journeys rarely share a lock, and if they do they only take turns.
const ENTRY_LIMIT_LOCK = 0x57a8;

/** How many more customers each limited journey may take now; journeys without a limit are absent. */
export type EntryCapacity = Map<string, number>;

/** Whether the journey's version limits its entries (total or per day). */
export function hasEntryLimit(journey: LiveJourney): boolean {
  const limit = journey.version.settings.entryLimit;
  return Boolean(limit?.total || limit?.perDay);
}

/**
 * Locks the entry limit of every journey given that has one and reads how many entries each has
 * left. Must run inside the transaction that then inserts the entries: the lock is held until it
 * commits, so concurrent event jobs take turns on a limited journey and the last entry is handed
 * out once. Journeys without a limit take no lock and never wait. Locks are taken in id order, so
 * two jobs with the same limited journeys cannot deadlock on them.
 */
export async function lockEntryCapacity(
  tx: Db,
  journeys: readonly LiveJourney[],
  now: Date,
): Promise<EntryCapacity> {
  const capacity: EntryCapacity = new Map();
  const limited = journeys.filter(hasEntryLimit).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const journey of limited) {
    const limit = journey.version.settings.entryLimit ?? {};
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ENTRY_LIMIT_LOCK, journey.id]);
    // Failed entries (unknown customers) never count: they took no place in the campaign.
    const [counts] = await tx.query<{ total: number; today: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE entered_at >= $2)::int AS today
         FROM enrollments WHERE journey_id = $1 AND status <> 'failed'`,
      [journey.id, new Date(now.getTime() - 86_400_000)],
    );
    const left = [
      limit.total === undefined ? Infinity : limit.total - (counts?.total ?? 0),
      limit.perDay === undefined ? Infinity : limit.perDay - (counts?.today ?? 0),
    ];
    capacity.set(journey.id, Math.max(0, Math.min(...left)));
  }
  return capacity;
}
