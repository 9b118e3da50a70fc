import { useEffect, useSyncExternalStore } from 'react';
import { getDiscoveredFields } from '../api/catalog.ts';
import { buildFieldCatalog, builtInCatalog, type FieldCatalog } from './field-catalog.ts';

/** A catalog older than this is fetched again the next time a builder opens (imports add keys). */
const maxAgeMs = 5 * 60_000;

/*
 * One catalog for the whole page, shared by every builder: fetched once when the first one opens,
 * refreshed when stale. Until it arrives, or when it cannot be read, the built-in catalog stands in
 * (the builders keep working; planners can type any name).
 */
let current: FieldCatalog = builtInCatalog;
let fetchedAt = Number.NEGATIVE_INFINITY;
let inFlight = false;
const listeners = new Set<() => void>();

function refreshIfStale(): void {
  if (inFlight || Date.now() - fetchedAt < maxAgeMs) return;
  inFlight = true;
  getDiscoveredFields()
    .then((found) => {
      current = buildFieldCatalog(found);
      fetchedAt = Date.now();
      for (const listener of listeners) listener();
    })
    .catch(() => {
      // Keep what we have; the next builder to open tries again.
    })
    .finally(() => {
      inFlight = false;
    });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The attributes, tags and events to offer, discovered from the stored data. */
export function useFieldCatalog(): FieldCatalog {
  useEffect(refreshIfStale, []);
  return useSyncExternalStore(subscribe, () => current);
}
