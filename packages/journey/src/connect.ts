import type { JourneyGraph, JourneyNode } from './graph/schema.ts';
import { analyzeNode } from './node-analysis.ts';
import type { PortSpec } from './node-types/define.ts';
import { makeProblem, type Problem } from './problems/problem.ts';

/**
 * The output ports of a node, from its type and config (a split has one per variant). Empty for
 * an unknown type, or when the ports depend on a config that is not valid yet.
 */
export function outputPorts(node: Pick<JourneyNode, 'type' | 'config'>): readonly PortSpec[] {
  return analyzeNode(node).ports ?? [];
}

/** Whether the canvas may draw an edge, and if not, the problem it would cause. */
export type ConnectVerdict = { ok: true } | { ok: false; problem: Problem };

function nodesOf(graph: Partial<JourneyGraph> | undefined): JourneyNode[] {
  return Array.isArray(graph?.nodes) ? graph.nodes.filter((node) => node && typeof node === 'object') : [];
}

/**
 * Applies the wiring rules of `validate` to one edge the planner is drawing: both nodes exist,
 * not into a trigger, not onto itself, from a port the node has, and that port still free.
 * Never throws.
 */
export function canConnect(
  graph: Pick<JourneyGraph, 'nodes' | 'edges'>,
  sourceId: string,
  sourceHandle: string,
  targetId: string,
): ConnectVerdict {
  const nodes = nodesOf(graph);
  const source = nodes.find((node) => node.id === sourceId);
  const target = nodes.find((node) => node.id === targetId);
  const refuse = (problem: Problem): ConnectVerdict => ({ ok: false, problem });
  if (!source) return refuse(makeProblem('edge.missing-source', { source: String(sourceId) }));
  const at = { nodeId: sourceId };
  if (!target)
    return refuse(
      makeProblem('edge.missing-target', { target: String(targetId), nodeType: source.type }, at),
    );
  if (sourceId === targetId) return refuse(makeProblem('edge.self-loop', { nodeType: source.type }, at));
  if (analyzeNode(target).definition?.category === 'trigger') {
    return refuse(makeProblem('edge.into-trigger', { nodeType: target.type }, { nodeId: targetId }));
  }
  if (!outputPorts(source).some((port) => port.id === sourceHandle)) {
    return refuse(
      makeProblem('edge.unknown-port', { port: String(sourceHandle), nodeType: source.type }, at),
    );
  }
  const edges = Array.isArray(graph.edges) ? graph.edges : [];
  if (edges.some((edge) => edge?.source === sourceId && edge.sourceHandle === sourceHandle)) {
    return refuse(makeProblem('edge.port-taken', { port: sourceHandle, nodeType: source.type }, at));
  }
  return { ok: true };
}
