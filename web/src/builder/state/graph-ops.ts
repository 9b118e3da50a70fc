import type { JourneyGraph } from '../graph-types.ts';
import { newId } from './ids.ts';

type GraphNode = JourneyGraph['nodes'][number];
type GraphEdge = JourneyGraph['edges'][number];

/**
 * Pure edits of a journey graph. Each returns a new graph (unchanged parts shared), so the undo
 * history can keep every state cheaply and React sees what changed by reference.
 */

export function addNodes(
  graph: JourneyGraph,
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[] = [],
): JourneyGraph {
  return { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] };
}

/** A fresh node of `type` at `position` with the type's default config. */
export function createNode(type: string, config: unknown, position: { x: number; y: number }): GraphNode {
  return { id: newId('n'), type, config, position: { x: Math.round(position.x), y: Math.round(position.y) } };
}

export interface RemovalResult {
  graph: JourneyGraph;
  removedNodes: number;
  removedEdges: number;
}

/** Removes nodes with every edge touching them, plus the given edges. */
export function removeElements(
  graph: JourneyGraph,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string> = new Set(),
): RemovalResult {
  const nodes = graph.nodes.filter((node) => !nodeIds.has(node.id));
  const edges = graph.edges.filter(
    (edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target),
  );
  return {
    graph: { ...graph, nodes, edges },
    removedNodes: graph.nodes.length - nodes.length,
    removedEdges: graph.edges.length - edges.length,
  };
}

/** Adds an edge from `source`'s exit `sourceHandle` to `target`. */
export function connect(
  graph: JourneyGraph,
  source: string,
  sourceHandle: string,
  target: string,
): JourneyGraph {
  const edge: GraphEdge = { id: newId('e'), source, sourceHandle, target };
  return { ...graph, edges: [...graph.edges, edge] };
}

export function updateNodeConfig(graph: JourneyGraph, nodeId: string, config: unknown): JourneyGraph {
  return { ...graph, nodes: graph.nodes.map((node) => (node.id === nodeId ? { ...node, config } : node)) };
}

/** Moves nodes; positions are rounded so a saved draft does not churn on sub-pixel drags. */
export function moveNodes(
  graph: JourneyGraph,
  positions: ReadonlyMap<string, { x: number; y: number }>,
): JourneyGraph {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    const next = positions.get(node.id);
    if (!next) return node;
    const x = Math.round(next.x);
    const y = Math.round(next.y);
    if (x === node.position.x && y === node.position.y) return node;
    changed = true;
    return { ...node, position: { x, y } };
  });
  return changed ? { ...graph, nodes } : graph;
}

/**
 * Removes edges whose exit no longer exists (a split lost a variant) so the graph never points at
 * a port the node does not have.
 */
export function dropEdgesFromMissingPorts(
  graph: JourneyGraph,
  nodeId: string,
  portIds: ReadonlySet<string>,
): JourneyGraph {
  const edges = graph.edges.filter((edge) => edge.source !== nodeId || portIds.has(edge.sourceHandle));
  return edges.length === graph.edges.length ? graph : { ...graph, edges };
}

export function updateSettings(graph: JourneyGraph, settings: Record<string, unknown>): JourneyGraph {
  return { ...graph, settings };
}
