import type { EngineResources } from '../runtime/resources.ts';
import type { CompiledVersion } from '../steps/compiled-version.ts';

/** A journey taking entries now, with its live version compiled. */
export interface LiveJourney {
  id: string;
  status: string;
  version: CompiledVersion;
}

/** Journeys in the given statuses with their live versions (compiled versions come from the cache). */
export async function liveJourneys(
  r: EngineResources,
  statuses: readonly string[] = ['live'],
): Promise<LiveJourney[]> {
  const rows = await r.db.query<{ id: string; status: string; live_version: number }>(
    'SELECT id, status, live_version FROM journeys WHERE status = ANY($1::text[]) AND live_version IS NOT NULL',
    [statuses],
  );
  const out: LiveJourney[] = [];
  for (const row of rows) {
    const version = await r.versions.get(row.id, row.live_version);
    if (version) out.push({ id: row.id, status: row.status, version });
  }
  return out;
}
