import type { Db } from '@waymark/db';
import { defaultTimeZone, makeProblem, type Problem } from '@waymark/journey';

/**
 * The problem with a draft whose time zone Postgres does not know, or none. Validation asks Node
 * (ICU), but Postgres has its own tz database and computes every per-day figure of the journey in
 * its zone (the live view's timeline, the day fold of counts). A zone only ICU knows, such as the
 * retired link US/Pacific-New, would pass validation and then fail those queries. Asked when a
 * draft is about to go live, not on every save: reading Postgres's zone list takes about 50 ms.
 */
export async function databaseTimeZoneProblem(db: Db, draft: unknown): Promise<Problem | null> {
  const settings = (draft as { settings?: { timeZone?: unknown } } | null)?.settings;
  const zone = typeof settings?.timeZone === 'string' ? settings.timeZone : defaultTimeZone;
  // Names and abbreviations, case-insensitive: as AT TIME ZONE accepts them.
  const [row] = await db.query<{ known: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE lower(name) = lower($1))
         OR EXISTS (SELECT 1 FROM pg_timezone_abbrevs WHERE lower(abbrev) = lower($1)) AS known`,
    [zone],
  );
  if (row?.known) return null;
  return makeProblem(
    'settings.invalid',
    { field: 'timeZone', reason: 'format.time-zone' },
    { path: ['settings', 'timeZone'] },
  );
}
