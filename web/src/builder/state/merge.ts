import type { JourneyGraph } from '../graph-types.ts';
import { jsonEqual } from './stable-equal.ts';

type GraphNode = JourneyGraph['nodes'][number];

/** Something both sides changed differently; the merge kept "mine" and reports it. */
export interface MergeConflict {
  kind: 'node' | 'edge' | 'setting';
  id: string;
}

export interface MergeResult {
  graph: JourneyGraph;
  conflicts: MergeConflict[];
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

/** The three-way rule for one entity: whichever side changed wins; both changed → conflict. */
function pick<T>(
  base: T | undefined,
  mine: T | undefined,
  theirs: T | undefined,
): { value: T | undefined; conflict: boolean } {
  if (jsonEqual(mine, theirs)) return { value: mine, conflict: false };
  if (jsonEqual(mine, base)) return { value: theirs, conflict: false };
  if (jsonEqual(theirs, base)) return { value: mine, conflict: false };
  return { value: mine, conflict: true };
}

/** Where a node sits is not worth a conflict: the content decides, the position follows mine. */
function withoutPosition(node: GraphNode | undefined): Omit<GraphNode, 'position'> | undefined {
  if (!node) return undefined;
  const { position: _position, ...rest } = node;
  return rest;
}

function withMergedPosition(
  node: GraphNode,
  base: JourneyGraph,
  mine: JourneyGraph,
  theirs: JourneyGraph,
): GraphNode {
  const at = (graph: JourneyGraph) => graph.nodes.find((candidate) => candidate.id === node.id)?.position;
  const position = pick(at(base), at(mine), at(theirs)).value ?? node.position;
  return position === node.position ? node : { ...node, position };
}

function mergeEntities<T extends { id: string }>(
  kind: MergeConflict['kind'],
  base: readonly T[],
  mine: readonly T[],
  theirs: readonly T[],
  conflicts: MergeConflict[],
  compare: (item: T | undefined) => unknown = (item) => item,
): T[] {
  const b = byId(base);
  const m = byId(mine);
  const t = byId(theirs);
  // Keep my order first, then what only they added, so the canvas does not jump around.
  const ids = [...new Set([...m.keys(), ...t.keys(), ...b.keys()])];
  const merged: T[] = [];
  for (const id of ids) {
    const decision = pick(compare(b.get(id)), compare(m.get(id)), compare(t.get(id)));
    if (decision.conflict) conflicts.push({ kind, id });
    if (decision.value === undefined) continue;
    // The comparison may have left out parts (positions): take the whole entity from the winning side.
    const winner = jsonEqual(decision.value, compare(m.get(id))) ? m.get(id) : t.get(id);
    if (winner) merged.push(winner);
  }
  return merged;
}

/**
 * Three-way merge of journey drafts: `base` is the revision both edits started from, `mine` the
 * planner's local work, `theirs` what the server holds now. Nodes, edges and settings merge by
 * id/key; a thing both sides changed differently keeps the planner's version and is listed as a
 * conflict so the UI can ask. Edges left pointing at a node someone deleted are dropped.
 */
export function mergeGraphs(base: JourneyGraph, mine: JourneyGraph, theirs: JourneyGraph): MergeResult {
  const conflicts: MergeConflict[] = [];
  const nodes = mergeEntities('node', base.nodes, mine.nodes, theirs.nodes, conflicts, withoutPosition).map(
    (node) => withMergedPosition(node, base, mine, theirs),
  );
  const nodeIds = new Set(nodes.map((node) => node.id));
  const edges = mergeEntities('edge', base.edges, mine.edges, theirs.edges, conflicts).filter(
    (edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target),
  );
  const settings: Record<string, unknown> = {};
  const keys = new Set([
    ...Object.keys(mine.settings),
    ...Object.keys(theirs.settings),
    ...Object.keys(base.settings),
  ]);
  for (const key of keys) {
    const decision = pick(base.settings[key], mine.settings[key], theirs.settings[key]);
    if (decision.conflict) conflicts.push({ kind: 'setting', id: key });
    if (decision.value !== undefined) settings[key] = decision.value;
  }
  return { graph: { nodes, edges, settings }, conflicts };
}
