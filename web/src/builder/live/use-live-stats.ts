import { useEffect, useMemo, useState } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { getJourneyStats, type JourneyStats } from '../../api/journeys.ts';
import { useI18n } from '../../i18n/index.ts';
import { formatNumber } from '../../ui/format.ts';

/** Per-node counts that are not exits (everything else in a node's counts is an exit's count). */
const nodeCountKeys = new Set(['entered', 'waiting', 'active', 'exited', 'errored']);

/** How often live counts refresh. */
export const liveRefreshMs = 5000;

export interface LiveStats {
  stats: JourneyStats | undefined;
  /** True when the engine has recorded nothing for this journey yet (or has no stats API yet). */
  noData: boolean;
  error: unknown;
  byNode: ReadonlyMap<string, { entered: string; waiting?: string | undefined }>;
  /** How many went through each exit, keyed `nodeId␀portId`, formatted. */
  byPort: ReadonlyMap<string, string>;
  fetchedAt: number | undefined;
}

/** The key of a node's exit in `LiveStats.byPort`. */
export const portKey = (nodeId: string, portId: string) => `${nodeId}\u0000${portId}`;

function hasAnyCount(stats: JourneyStats | undefined): boolean {
  if (!stats) return false;
  const totals = Object.values(stats.totals ?? {}).some((value) => typeof value === 'number' && value > 0);
  const nodes = Object.values(stats.nodes ?? {}).some((counts) =>
    Object.values(counts).some((value) => typeof value === 'number' && value > 0),
  );
  return totals || nodes;
}

/**
 * Polls GET /journeys/:id/stats every few seconds while live view is on. A 404 (no stats yet,
 * or an engine that has not recorded any) is "no data yet", not an error.
 */
export function useLiveStats(journeyId: string, enabled: boolean): LiveStats {
  const { t, locale } = useI18n();
  const [stats, setStats] = useState<JourneyStats | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [fetchedAt, setFetchedAt] = useState<number | undefined>(undefined);

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        setStats(await getJourneyStats(journeyId, controller.signal));
        setError(undefined);
      } catch (failure) {
        if (controller.signal.aborted) return;
        if (isApiError(failure) && failure.status === 404) {
          setStats(undefined);
          setError(undefined);
        } else setError(failure);
      }
      setFetchedAt(Date.now());
      if (!controller.signal.aborted) timer = setTimeout(() => void poll(), liveRefreshMs);
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [journeyId, enabled]);

  const byNode = useMemo(() => {
    const map = new Map<string, { entered: string; waiting?: string | undefined }>();
    for (const [nodeId, counts] of Object.entries(stats?.nodes ?? {})) {
      const entered = counts.entered ?? 0;
      const waiting = counts.waiting ?? 0;
      map.set(nodeId, {
        entered: t('live.onNode', { entered: formatNumber(entered, locale) }),
        waiting: waiting > 0 ? t('live.waiting', { waiting: formatNumber(waiting, locale) }) : undefined,
      });
    }
    return map;
  }, [stats, t, locale]);

  const byPort = useMemo(() => {
    const map = new Map<string, string>();
    for (const [nodeId, counts] of Object.entries(stats?.nodes ?? {})) {
      for (const [key, value] of Object.entries(counts)) {
        if (!nodeCountKeys.has(key) && typeof value === 'number')
          map.set(portKey(nodeId, key), formatNumber(value, locale));
      }
    }
    return map;
  }, [stats, locale]);

  return { stats, noData: !hasAnyCount(stats), error, byNode, byPort, fetchedAt };
}
