import { type Locale, localize, nodeDefinition, outputPorts, summarizeNode } from '@waymark/journey';
import type { Edge } from '@xyflow/react';
import type { JourneyGraph } from '../graph-types.ts';
import type { JourneyFlowNode, JourneyNodeData } from './journey-node.tsx';
import { nodeHeight, nodeWidth } from './layout.ts';

type GraphNode = JourneyGraph['nodes'][number];

export interface NodeDecorations {
  locale: Locale;
  problemsByNode: ReadonlyMap<string, readonly string[]>;
  /** Live counts per node, already formatted for display. */
  statsByNode?: ReadonlyMap<string, { entered: string; waiting?: string | undefined }> | undefined;
  problemsLabel: (count: number) => string;
}

/**
 * Builds the data one node shows. Cached per graph node object and decoration, so a node whose
 * config, problems and counts did not change keeps the same data object and is not re-rendered:
 * with 200 nodes, dragging one must not redraw the other 199.
 */
export function createNodeDataCache() {
  const cache = new WeakMap<GraphNode, { key: string; data: JourneyNodeData }>();
  return (node: GraphNode, decorations: NodeDecorations): JourneyNodeData => {
    const problems = decorations.problemsByNode.get(node.id) ?? [];
    const stats = decorations.statsByNode?.get(node.id);
    const key = `${decorations.locale}|${problems.join('\n')}|${stats ? `${stats.entered}/${stats.waiting ?? ''}` : ''}`;
    const cached = cache.get(node);
    if (cached && cached.key === key) return cached.data;
    const definition = nodeDefinition(node.type);
    const data: JourneyNodeData = {
      type: node.type,
      label: definition ? localize(definition.label, decorations.locale) : node.type,
      summary: summarizeNode(node, decorations.locale),
      category: definition?.category ?? 'action',
      icon: definition?.icon ?? 'circle',
      ports: outputPorts(node).map((port) => ({
        id: port.id,
        label: localize(port.label, decorations.locale),
      })),
      isTrigger: definition?.category === 'trigger',
      problems,
      stats,
      problemsLabel: decorations.problemsLabel(problems.length),
    };
    cache.set(node, { key, data });
    return data;
  };
}

/**
 * Brings the canvas's node list in line with the graph, reusing every node object that did not
 * change (React Flow keeps its measurements on them, and memoised nodes skip rendering).
 */
export function reconcileFlowNodes(
  previous: readonly JourneyFlowNode[],
  graph: JourneyGraph,
  dataFor: (node: GraphNode) => JourneyNodeData,
  selected: ReadonlySet<string>,
  draggable: boolean,
): JourneyFlowNode[] {
  const before = new Map(previous.map((node) => [node.id, node]));
  let changed = previous.length !== graph.nodes.length;
  const next = graph.nodes.map((node, index) => {
    const data = dataFor(node);
    const old = before.get(node.id);
    const isSelected = selected.has(node.id);
    if (
      old &&
      old.data === data &&
      old.position.x === node.position.x &&
      old.position.y === node.position.y &&
      Boolean(old.selected) === isSelected &&
      old.draggable === draggable
    ) {
      if (previous[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return {
      ...old,
      id: node.id,
      type: 'journey' as const,
      position: node.position,
      data,
      selected: isSelected,
      draggable,
      width: nodeWidth,
      height: nodeHeight,
    };
  });
  return changed ? next : (previous as JourneyFlowNode[]);
}

/** The graph's edges as the canvas draws them; problem edges are drawn red, live counts as labels. */
export function toFlowEdges(
  graph: JourneyGraph,
  selected: ReadonlySet<string>,
  problemEdges: ReadonlySet<string>,
  countsByEdge?: ReadonlyMap<string, string>,
): Edge[] {
  return graph.edges.map((edge) => {
    const count = countsByEdge?.get(edge.id);
    return {
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourceHandle,
      target: edge.target,
      targetHandle: 'in',
      type: 'smoothstep',
      selected: selected.has(edge.id),
      className: problemEdges.has(edge.id) ? 'edge-invalid' : undefined,
      ...(count !== undefined && {
        label: count,
        labelShowBg: true,
        labelBgPadding: [4, 2] as [number, number],
      }),
    };
  });
}

/** Like `toFlowEdges`, but keeps every edge object that did not change (React Flow skips those). */
export function reconcileFlowEdges(previous: readonly Edge[], next: Edge[]): Edge[] {
  const before = new Map(previous.map((edge) => [edge.id, edge]));
  let changed = previous.length !== next.length;
  const merged = next.map((edge, index) => {
    const old = before.get(edge.id);
    const same =
      old !== undefined &&
      old.source === edge.source &&
      old.sourceHandle === edge.sourceHandle &&
      old.target === edge.target &&
      Boolean(old.selected) === Boolean(edge.selected) &&
      old.className === edge.className &&
      old.label === edge.label;
    if (same && previous[index] === old) return old;
    changed = true;
    return same ? old : edge;
  });
  return changed ? merged : (previous as Edge[]);
}
