import { defaultTimeZone } from '@waymark/journey';
import type { EngineResources } from '../runtime/resources.ts';

/** Hours this old are history: nobody reads them hour by hour, only per day and in totals. */
const foldAfterMs = 2 * 86_400_000;

/** The slot that marks a day row of `journey_node_counts` (steps count into slots 0–15). */
export const daySlot = -1;

/**
 * Folds the hourly per-node counts of hours older than two days into one row per local day of
 * the journey version (its `settings.timeZone`): `hour` becomes that day's local midnight and
 * `slot` -1. A journey that runs for years then keeps about 365 rows per node, port and path a
 * year instead of 8,760, so the live view's totals, the daily timeline (which groups by the same
 * local day) and adaptive splits read a bounded number of rows. Sums are unchanged: the rows move
 * in one statement. Returns the hour rows folded.
 */
export async function foldCountDays(r: EngineResources): Promise<number> {
  const before = new Date(r.clock.now().getTime() - foldAfterMs);
  const [row] = await r.db.query<{ folded: number }>(
    `WITH moved AS (
       DELETE FROM journey_node_counts n
        USING journey_versions v
        WHERE n.slot = 0 AND n.hour < $1 AND v.journey_id = n.journey_id AND v.version = n.version
        RETURNING n.journey_id, n.version, n.node_id, n.port, n.ab_path, n.passed,
                  COALESCE(v.graph -> 'settings' ->> 'timeZone', $2) AS time_zone, n.hour
     ), added AS (
       INSERT INTO journey_node_counts AS n (journey_id, version, node_id, port, ab_path, hour, slot, passed)
       SELECT journey_id, version, node_id, port, ab_path,
              date_trunc('day', hour AT TIME ZONE time_zone) AT TIME ZONE time_zone, $3, sum(passed)
         FROM moved
        GROUP BY 1, 2, 3, 4, 5, 6
        ORDER BY 1, 2, 3, 4, 5, 6
       ON CONFLICT ON CONSTRAINT journey_node_counts_pk DO UPDATE SET passed = n.passed + excluded.passed
     )
     SELECT count(*)::int AS folded FROM moved`,
    [before, defaultTimeZone, daySlot],
  );
  return row?.folded ?? 0;
}
