import type { JourneyGraph as SharedJourneyGraph } from '@waymark/journey';

/**
 * The journey graph as the editor holds it: the shared model's shape, with settings always
 * present (as a plain object) so edits never have to check for their absence.
 */
export type JourneyGraph = Omit<SharedJourneyGraph, 'settings'> & { settings: Record<string, unknown> };

/** Fills in what an older or hand-made draft may lack, so the editor never trips over it. */
export function normalizeGraph(input: unknown): JourneyGraph {
  const value = (typeof input === 'object' && input !== null ? input : {}) as Partial<SharedJourneyGraph>;
  return {
    nodes: Array.isArray(value.nodes) ? value.nodes : [],
    edges: Array.isArray(value.edges) ? value.edges : [],
    settings: (typeof value.settings === 'object' && value.settings !== null ? value.settings : {}) as Record<
      string,
      unknown
    >,
  };
}
