import { defaultTimeZone } from '@waymark/journey';
import type { EngineResources } from '../runtime/resources.ts';

/** Hours this old are history: nobody reads them hour by hour, only per day and in totals. */
const foldAfterMs = 2 * 86_400_000;

/** The slot that marks a day row of `journey_node_counts` (steps count into slots 0–15). */
export const daySlot = -1;

/** The time zone of a count's journey version, as the statements below read it. */
const timeZoneOf = `COALESCE(v.graph -> 'settings' ->> 'timeZone', $2)`;

/**
 * Folds the hourly per-node counts of hours older than two days into one row per local day of
 * the journey version (its `settings.timeZone`): `hour` becomes that day's local midnight and
 * `slot` -1. A journey that runs for years then keeps about 365 rows per node, port and path a
 * year instead of 8,760, so the live view's totals, the daily timeline (which groups by the same
 * local day) and adaptive splits read a bounded number of rows. Sums are unchanged: the rows move
 * in one statement per time zone. A zone Postgres does not know (its tz database may be older
 * than Node's) leaves only its own journeys' counts hourly, with a warning; every other journey
 * is folded. Returns the hour rows folded.
 */
export async function foldCountDays(r: EngineResources): Promise<number> {
  const before = new Date(r.clock.now().getTime() - foldAfterMs);
  const zones = await r.db.query<{ time_zone: string }>(
    `SELECT DISTINCT ${timeZoneOf} AS time_zone
       FROM journey_node_counts n
       JOIN journey_versions v ON v.journey_id = n.journey_id AND v.version = n.version
      WHERE n.slot = 0 AND n.hour < $1`,
    [before, defaultTimeZone],
  );
  let folded = 0;
  for (const { time_zone: timeZone } of zones) {
    try {
      folded += await foldZone(r, before, timeZone);
    } catch (error) {
      if ((error as { code?: string }).code !== unknownTimeZone) throw error;
      r.log.warn('counts of journeys in a time zone Postgres does not know stay hourly', {
        timeZone,
        error: (error as Error).message,
      });
    }
  }
  return folded;
}

/** Postgres's `invalid_parameter_value`, which `AT TIME ZONE` raises for a zone it does not know. */
const unknownTimeZone = '22023';

async function foldZone(r: EngineResources, before: Date, timeZone: string): Promise<number> {
  const [row] = await r.db.query<{ folded: number }>(
    `WITH moved AS (
       DELETE FROM journey_node_counts n
        USING journey_versions v
        WHERE n.slot = 0 AND n.hour < $1 AND v.journey_id = n.journey_id AND v.version = n.version
          AND ${timeZoneOf} = $3
        RETURNING n.journey_id, n.version, n.node_id, n.port, n.ab_path, n.passed, n.hour
     ), added AS (
       INSERT INTO journey_node_counts AS n (journey_id, version, node_id, port, ab_path, hour, slot, passed)
       SELECT journey_id, version, node_id, port, ab_path,
              date_trunc('day', hour AT TIME ZONE $3) AT TIME ZONE $3, $4, sum(passed)
         FROM moved
        GROUP BY 1, 2, 3, 4, 5, 6
        ORDER BY 1, 2, 3, 4, 5, 6
       ON CONFLICT ON CONSTRAINT journey_node_counts_pk DO UPDATE SET passed = n.passed + excluded.passed
     )
     SELECT count(*)::int AS folded FROM moved`,
    [before, defaultTimeZone, timeZone, daySlot],
  );
  return row?.folded ?? 0;
}
