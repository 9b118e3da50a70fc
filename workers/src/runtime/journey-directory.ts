import type { Db } from '@waymark/db';
import type { CompiledVersion } from '../steps/compiled-version.ts';
import type { VersionCache } from '../steps/version-cache.ts';

/** A journey taking entries now, with its live version compiled. */
export interface LiveJourney {
  id: string;
  status: string;
  version: CompiledVersion;
}

/** What the engine knows about journeys that are not archived, refreshed at most every `ttlMs`. */
export interface JourneySnapshot {
  live: LiveJourney[];
  /** Goal event names of every version customers may still be in (an event outside it converts nobody). */
  goalEvents: ReadonlySet<string>;
  /** Events some version's wait.event or rm.task waits for (an event outside it resumes nobody). */
  waitedEvents: ReadonlySet<string>;
}

export interface JourneyDirectory {
  snapshot(): Promise<JourneySnapshot>;
  /** Forgets the cached snapshot (a journey changed): the next `snapshot()` reads the database. */
  invalidate(): void;
}

/**
 * Reads journeys once per `ttlMs` instead of once per event: at a thousand events a second the
 * journey list and the question "does any journey care about this event name" are the same for
 * every event. A publish, pause, resume or archive is announced to every worker process, which
 * calls `invalidate()` (see journey-changes.ts), so it is seen at once; `ttlMs` only bounds how
 * stale the list can get when such an announcement is lost.
 */
export function createJourneyDirectory(db: Db, versions: VersionCache, ttlMs: number): JourneyDirectory {
  let cached: { at: number; value: Promise<JourneySnapshot> } | undefined;
  const load = async (): Promise<JourneySnapshot> => {
    const rows = await db.query<{ id: string; status: string; live_version: number | null; version: number }>(
      `SELECT j.id, j.status, j.live_version, v.version
         FROM journeys j JOIN journey_versions v ON v.journey_id = j.id
        WHERE j.status <> 'archived'`,
    );
    const live: LiveJourney[] = [];
    const goalEvents = new Set<string>();
    const waitedEvents = new Set<string>();
    for (const row of rows) {
      const version = await versions.get(row.id, row.version);
      if (!version) continue;
      if (row.status === 'live' && row.live_version === row.version)
        live.push({ id: row.id, status: row.status, version });
      if (version.settings.goal) goalEvents.add(version.settings.goal.event);
      for (const name of version.waitedEvents) waitedEvents.add(name);
    }
    return { live, goalEvents, waitedEvents };
  };
  return {
    snapshot() {
      const now = Date.now();
      if (!cached || now - cached.at >= ttlMs) {
        const entry = { at: now, value: load() };
        cached = entry;
        entry.value.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.value;
    },
    invalidate() {
      // A load already under way may have read the journeys before the change: it still answers
      // the callers that asked before, but no one after.
      cached = undefined;
    },
  };
}
