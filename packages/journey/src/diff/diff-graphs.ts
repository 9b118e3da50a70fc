import type { JourneyEdge, JourneyGraph, JourneyNode } from '../graph/schema.ts';
import { settingsSchema } from '../graph/settings.ts';
import { changedKeys, isRecord, sameJson } from './same-json.ts';

/** A node present in both versions whose meaning changed. */
export interface NodeChange {
  id: string;
  /** Set when the node's type changed (its config is then all new). */
  type?: { from: string; to: string };
  /** Top-level config keys that differ; `['*']` when a config is not an object at all. */
  configKeys: string[];
}

/** What changed between two versions of a journey: the "what changed" list before publishing. */
export interface GraphDiff {
  nodes: {
    added: JourneyNode[];
    removed: JourneyNode[];
    changed: NodeChange[];
    /** Ids of nodes that only moved on the canvas: shown, but not a change in behaviour. */
    moved: string[];
  };
  /** Edges compared by what they connect (source, port, target), not by id. */
  edges: { added: JourneyEdge[]; removed: JourneyEdge[] };
  /** Top-level settings keys that differ, after defaults are applied to both sides. */
  settings: string[];
  /** True when nothing that affects customers changed (moves alone leave it true). */
  unchanged: boolean;
}

type GraphLike = Partial<Pick<JourneyGraph, 'nodes' | 'edges' | 'settings'>> | null | undefined;

function nodesById(graph: GraphLike): Map<string, JourneyNode> {
  const nodes: unknown[] = Array.isArray(graph?.nodes) ? graph.nodes : [];
  return new Map(
    nodes.filter(isRecord).map((node) => [String(node.id), node as unknown as JourneyNode] as const),
  );
}

function edgeKey(edge: JourneyEdge): string {
  return JSON.stringify([edge.source, edge.sourceHandle, edge.target]);
}

function edgesByKey(graph: GraphLike): Map<string, JourneyEdge> {
  const edges: unknown[] = Array.isArray(graph?.edges) ? graph.edges : [];
  const valid = edges.filter(isRecord).map((edge) => edge as unknown as JourneyEdge);
  return new Map(valid.map((edge) => [edgeKey(edge), edge] as const));
}

function normalizedSettings(graph: GraphLike): unknown {
  const parsed = settingsSchema.safeParse(graph?.settings ?? {});
  return parsed.success ? parsed.data : graph?.settings;
}

function nodeChange(before: JourneyNode, after: JourneyNode): NodeChange | undefined {
  const change: NodeChange = { id: after.id, configKeys: [] };
  if (before.type !== after.type) change.type = { from: before.type, to: after.type };
  if (!sameJson(before.config, after.config)) {
    const bothObjects = isRecord(before.config) && isRecord(after.config);
    change.configKeys = bothObjects ? changedKeys(before.config, after.config) : ['*'];
  }
  return change.type || change.configKeys.length > 0 ? change : undefined;
}

/** Compares two journey graphs (`a` the older). Tolerates malformed input: missing parts count as empty. */
export function diffGraphs(a: GraphLike, b: GraphLike): GraphDiff {
  const before = nodesById(a);
  const after = nodesById(b);
  const diff: GraphDiff = {
    nodes: { added: [], removed: [], changed: [], moved: [] },
    edges: { added: [], removed: [] },
    settings: changedKeys(normalizedSettings(a), normalizedSettings(b)),
    unchanged: true,
  };
  for (const [id, node] of after) {
    const old = before.get(id);
    if (!old) {
      diff.nodes.added.push(node);
      continue;
    }
    const change = nodeChange(old, node);
    if (change) diff.nodes.changed.push(change);
    if (!sameJson(old.position, node.position)) diff.nodes.moved.push(id);
  }
  for (const [id, node] of before) if (!after.has(id)) diff.nodes.removed.push(node);
  const edgesBefore = edgesByKey(a);
  const edgesAfter = edgesByKey(b);
  for (const [key, edge] of edgesAfter) if (!edgesBefore.has(key)) diff.edges.added.push(edge);
  for (const [key, edge] of edgesBefore) if (!edgesAfter.has(key)) diff.edges.removed.push(edge);
  const { nodes, edges, settings } = diff;
  diff.unchanged =
    nodes.added.length + nodes.removed.length + nodes.changed.length === 0 &&
    edges.added.length + edges.removed.length + settings.length === 0;
  return diff;
}
