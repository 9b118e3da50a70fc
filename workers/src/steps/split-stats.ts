import type { SplitStats } from '@waymark/journey/runtime';
import type { EngineResources } from '../runtime/resources.ts';
import type { CompiledVersion } from './compiled-version.ts';
import type { EnrollmentRow } from './enrollment-row.ts';
import { versionKey } from './version-cache.ts';

/**
 * Adaptive splits' counts, read at most once per `maxAgeMs` per split and process: a busy journey
 * steps many batches a second, and a bandit gains nothing from counts fresher than a few seconds,
 * while the conversions behind them only grow. Concurrent steps share one read.
 */
export interface SplitStatsCache {
  get(journeyId: string, splitId: string, load: () => Promise<SplitStats>): Promise<SplitStats>;
}

export function createSplitStatsCache(clock: { now(): Date }, maxAgeMs: number): SplitStatsCache {
  const cache = new Map<string, { at: number; stats: Promise<SplitStats> }>();
  return {
    get(journeyId, splitId, load) {
      const key = `${journeyId}:${splitId}`;
      const now = clock.now().getTime();
      const hit = cache.get(key);
      if (hit && now - hit.at < maxAgeMs) return hit.stats;
      const stats = load();
      // A failed read is not remembered: the next step reads again.
      stats.catch(() => cache.get(key)?.stats === stats && cache.delete(key));
      cache.set(key, { at: now, stats });
      return stats;
    },
  };
}

/**
 * Entered and converted counts per variant of adaptive splits (auto-winner, bandit): entries from
 * the engine's per-node counts (the split's passes per port), conversions from the conversions
 * table, so the read stays small however many customers the journey holds. Only loaded for
 * journeys that have such a split, and through `r.splitStats` (see `SplitStatsCache`).
 */
export async function loadSplitStats(
  r: EngineResources,
  enrollments: readonly EnrollmentRow[],
  versions: Map<string, CompiledVersion>,
): Promise<Map<string, SplitStats>> {
  const out = new Map<string, SplitStats>();
  const wanted = new Map<string, { journeyId: string; splitId: string }>();
  for (const e of enrollments) {
    for (const splitId of versions.get(versionKey(e.journey_id, e.version))?.adaptiveSplits ?? []) {
      wanted.set(`${e.journey_id}:${splitId}`, { journeyId: e.journey_id, splitId });
    }
  }
  for (const [key, { journeyId, splitId }] of wanted) {
    out.set(key, await r.splitStats.get(journeyId, splitId, () => readSplitStats(r, journeyId, splitId)));
  }
  return out;
}

async function readSplitStats(r: EngineResources, journeyId: string, splitId: string): Promise<SplitStats> {
  const rows = await r.db.query<{ variant: string; entered: number; converted: number }>(
    `WITH entered AS (
       SELECT port AS variant, sum(passed)::int AS n FROM journey_node_counts
        WHERE journey_id = $1 AND node_id = $2 GROUP BY port
     ), converted AS (
       SELECT ab_path ->> $2 AS variant, count(*)::int AS n FROM conversions
        WHERE journey_id = $1 AND ab_path ? $2 GROUP BY 1
     )
     SELECT e.variant, e.n AS entered, COALESCE(c.n, 0) AS converted
       FROM entered e LEFT JOIN converted c ON c.variant = e.variant`,
    [journeyId, splitId],
  );
  return Object.fromEntries(
    rows.map((row) => [row.variant, { entered: row.entered, converted: row.converted }]),
  );
}
