import { Graph, layout } from '@dagrejs/dagre';
import { outputPorts } from '@waymark/journey';
import type { JourneyGraph } from '../graph-types.ts';

/** The size every node is drawn at; the canvas node component uses the same numbers. */
export const nodeWidth = 240;
export const nodeHeight = 76;

/**
 * Arranges the journey top to bottom with dagre: triggers at the top, each exit's branch below,
 * siblings side by side. Returns new positions by node id (top-left corners, as the canvas uses).
 * Siblings follow the order of the exits on their node, so "yes" stays left of "no" and A left of B.
 */
export function autoLayout(
  graph: JourneyGraph,
  portOrder: (nodeId: string, portId: string) => number = () => 0,
): Map<string, { x: number; y: number }> {
  const g = new Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: 72, marginx: 24, marginy: 24 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { width: nodeWidth, height: nodeHeight });
  const known = new Set(graph.nodes.map((node) => node.id));
  // dagre's initial ordering places the last-added sibling edge leftmost, so add edges in
  // reverse exit order to get the first exit on the left.
  const edges = graph.edges
    .filter((edge) => known.has(edge.source) && known.has(edge.target))
    .sort((a, b) => portOrder(b.source, b.sourceHandle) - portOrder(a.source, a.sourceHandle));
  for (const edge of edges) g.setEdge(edge.source, edge.target);
  layout(g);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of graph.nodes) {
    const placed = g.node(node.id);
    if (!placed) continue;
    // dagre gives centres; the canvas positions nodes by their top-left corner.
    positions.set(node.id, {
      x: Math.round(placed.x - nodeWidth / 2),
      y: Math.round(placed.y - nodeHeight / 2),
    });
  }
  return positions;
}

/** The order of each node's exits, as `autoLayout` wants it ("yes" before "no", A before B). */
export function exitOrder(graph: JourneyGraph): (nodeId: string, portId: string) => number {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  return (nodeId, portId) => {
    const node = byId.get(nodeId);
    return node ? outputPorts(node).findIndex((port) => port.id === portId) : 0;
  };
}

/**
 * The rectangle that holds every node, from the graph's own positions and the fixed node size.
 * Fitting the view to it does not depend on which nodes the canvas has drawn and measured yet.
 */
export function graphBounds(
  graph: JourneyGraph,
): { x: number; y: number; width: number; height: number } | undefined {
  if (graph.nodes.length === 0) return undefined;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const { position } of graph.nodes) {
    minX = Math.min(minX, position.x);
    minY = Math.min(minY, position.y);
    maxX = Math.max(maxX, position.x + nodeWidth);
    // Room for the exit labels drawn under each node.
    maxY = Math.max(maxY, position.y + nodeHeight + 24);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
