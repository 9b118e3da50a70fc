import type { JourneyGraph } from '../graph-types.ts';
import { type MergeConflict, mergeGraphs } from './merge.ts';
import { jsonEqual } from './stable-equal.ts';

/**
 * The planner's work kept in the browser until the server has it: written on every change, so a
 * lost connection, a server error or a closed tab loses nothing. `baseGraph` is the server's
 * draft at `baseRevision`, the common ancestor for a three-way merge when someone else saved.
 */
export interface LocalDraft {
  journeyId: string;
  baseRevision: number;
  baseGraph: JourneyGraph;
  graph: JourneyGraph;
  name: string;
  savedAt: number;
}

/** The part of Web Storage we use, so tests can pass a Map-backed one. */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const keyOf = (journeyId: string) => `waymark.draft.${journeyId}`;

export function writeLocalDraft(storage: DraftStorage, draft: LocalDraft): boolean {
  try {
    storage.setItem(keyOf(draft.journeyId), JSON.stringify(draft));
    return true;
  } catch {
    // Quota exceeded or storage disabled: the caller tells the planner the work is not kept locally.
    return false;
  }
}

export function readLocalDraft(storage: DraftStorage, journeyId: string): LocalDraft | undefined {
  try {
    const text = storage.getItem(keyOf(journeyId));
    if (!text) return undefined;
    const value = JSON.parse(text) as LocalDraft;
    const graphLike = (g: unknown) =>
      typeof g === 'object' &&
      g !== null &&
      Array.isArray((g as JourneyGraph).nodes) &&
      Array.isArray((g as JourneyGraph).edges);
    if (value.journeyId !== journeyId || typeof value.baseRevision !== 'number') return undefined;
    if (!graphLike(value.graph) || !graphLike(value.baseGraph)) return undefined;
    return value;
  } catch {
    return undefined;
  }
}

export function clearLocalDraft(storage: DraftStorage, journeyId: string): void {
  try {
    storage.removeItem(keyOf(journeyId));
  } catch {
    // Nothing to clear when storage is unavailable.
  }
}

/** What the editor should show when it opens, given the server's draft and the local copy. */
export type Reconciliation =
  | { kind: 'server' }
  | { kind: 'restore'; graph: JourneyGraph; name: string; baseRevision: number }
  | { kind: 'merged'; graph: JourneyGraph; name: string; baseRevision: number }
  | {
      kind: 'conflict';
      mine: JourneyGraph;
      merged: JourneyGraph;
      conflicts: MergeConflict[];
      baseRevision: number;
    };

/**
 * Decides between the server's draft and the planner's unsaved local work:
 * - nothing local, or local equals the server → the server's draft;
 * - local work on top of the server's current revision → restore it (it was never saved);
 * - someone saved since → merge three-way; a clean merge is restored on top of the new
 *   revision, a conflicting one is handed to the planner to decide.
 */
export function reconcile(
  server: { revision: number; graph: JourneyGraph; name: string },
  local: LocalDraft | undefined,
): Reconciliation {
  if (!local || jsonEqual(local.graph, server.graph)) return { kind: 'server' };
  if (local.baseRevision === server.revision) {
    return { kind: 'restore', graph: local.graph, name: local.name, baseRevision: server.revision };
  }
  const { graph, conflicts } = mergeGraphs(local.baseGraph, local.graph, server.graph);
  if (conflicts.length === 0)
    return { kind: 'merged', graph, name: local.name, baseRevision: server.revision };
  return { kind: 'conflict', mine: local.graph, merged: graph, conflicts, baseRevision: server.revision };
}
