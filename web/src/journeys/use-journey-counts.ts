import { useEffect, useState } from 'react';
import { getJourneyStats, type JourneySummary } from '../api/journeys.ts';

export interface JourneyCounts {
  entered: number;
  converted: number;
  /** Converted ÷ entered; undefined before anyone entered. */
  conversionRate: number | undefined;
}

/** At most this many stats requests at once, so a long list does not flood the server. */
const concurrency = 4;

/**
 * Live counts for the journeys that have been published, read from each journey's stats (the
 * list endpoint does not carry them). Journeys never published have nothing to count.
 */
export function useJourneyCounts(
  journeys: readonly JourneySummary[] | undefined,
): ReadonlyMap<string, JourneyCounts> {
  const [counts, setCounts] = useState<ReadonlyMap<string, JourneyCounts>>(new Map());
  useEffect(() => {
    const controller = new AbortController();
    const queue = (journeys ?? [])
      .filter((journey) => journey.liveVersion !== null)
      .map((journey) => journey.id);
    const found = new Map<string, JourneyCounts>();
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        try {
          const stats = await getJourneyStats(id, controller.signal);
          const entered = stats.totals?.entered ?? 0;
          const converted = stats.totals?.converted ?? 0;
          found.set(id, {
            entered,
            converted,
            conversionRate: entered > 0 ? converted / entered : undefined,
          });
          if (!controller.signal.aborted) setCounts(new Map(found));
        } catch {
          // A journey whose counts cannot be read shows dashes; the list itself stays usable.
        }
      }
    };
    void Promise.all(Array.from({ length: concurrency }, worker));
    return () => controller.abort();
  }, [journeys]);
  return counts;
}
