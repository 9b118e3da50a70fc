import type { SplitStats } from '@waymark/journey/runtime';
import type { EngineResources } from '../runtime/resources.ts';
import type { CompiledVersion } from './compiled-version.ts';
import type { EnrollmentRow } from './enrollment-row.ts';
import { versionKey } from './version-cache.ts';

/**
 * Entered and converted counts per variant of adaptive splits (auto-winner, bandit), read from
 * enrollments and conversions. Only loaded for journeys that have such a split.
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
    const rows = await r.db.query<{ variant: string; entered: number; converted: number }>(
      `SELECT e.ab_path ->> $2 AS variant, count(*)::int AS entered, count(c.id)::int AS converted
         FROM enrollments e LEFT JOIN conversions c ON c.enrollment_id = e.id
        WHERE e.journey_id = $1 AND e.ab_path ? $2
        GROUP BY 1`,
      [journeyId, splitId],
    );
    out.set(
      key,
      Object.fromEntries(
        rows.map((row) => [row.variant, { entered: row.entered, converted: row.converted }]),
      ),
    );
  }
  return out;
}
