import type { EngineResources } from '../runtime/resources.ts';

/** Hours this far back get no more counts from steps (a step counts into the hour it runs in). */
const settledAfterMs = 2 * 3_600_000;

/**
 * Folds the per-slot rows of settled hours into slot 0. Steps spread an hour's counts over 16
 * slots so they rarely wait on one row lock; once no step writes to an hour any more the slots
 * only multiply what every live view and daily total has to read. Moving the rows is one
 * statement, so each count is in exactly one row before and after. Returns the rows folded.
 */
export async function compactNodeCounts(r: EngineResources): Promise<number> {
  const settledBefore = new Date(r.clock.now().getTime() - settledAfterMs);
  const [row] = await r.db.query<{ folded: number }>(
    `WITH moved AS (
       DELETE FROM journey_node_counts WHERE slot > 0 AND hour < date_trunc('hour', $1::timestamptz, 'UTC')
       RETURNING journey_id, version, node_id, port, ab_path, hour, passed
     ), added AS (
       INSERT INTO journey_node_counts AS n (journey_id, version, node_id, port, ab_path, hour, slot, passed)
       SELECT journey_id, version, node_id, port, ab_path, hour, 0, sum(passed) FROM moved
        GROUP BY 1, 2, 3, 4, 5, 6
        ORDER BY 1, 2, 3, 4, 5, 6
       ON CONFLICT ON CONSTRAINT journey_node_counts_pk DO UPDATE SET passed = n.passed + excluded.passed
     )
     SELECT count(*)::int AS folded FROM moved`,
    [settledBefore],
  );
  return row?.folded ?? 0;
}
