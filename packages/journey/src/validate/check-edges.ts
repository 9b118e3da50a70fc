import type { JourneyEdge } from '../graph/schema.ts';
import { makeProblem, type Problem } from '../problems/problem.ts';
import type { CheckedNode } from './check-nodes.ts';

/** The result of checking every edge: the ones later checks can walk, and what was wrong. */
export interface CheckedEdges {
  /** Edges between existing nodes, from a real port, each port used once, never into a trigger. */
  usable: JourneyEdge[];
  /** Ports with at least one edge, by node id, usable or not (so a bad edge is not also reported as a missing one). */
  wiredPorts: Map<string, Set<string>>;
  problems: Problem[];
}

/** Checks each edge against the nodes it connects. */
export function checkEdges(
  edges: readonly { edge: JourneyEdge }[],
  byId: ReadonlyMap<string, CheckedNode>,
): CheckedEdges {
  const usable: JourneyEdge[] = [];
  const wiredPorts = new Map<string, Set<string>>();
  const problems: Problem[] = [];
  const seenIds = new Set<string>();
  const reportedIds = new Set<string>();
  for (const { edge } of edges) {
    const at = { edgeId: edge.id };
    if (seenIds.has(edge.id) && !reportedIds.has(edge.id)) {
      problems.push(makeProblem('edge.duplicate-id', {}, at));
      reportedIds.add(edge.id);
    }
    seenIds.add(edge.id);
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source) {
      problems.push(makeProblem('edge.missing-source', { source: edge.source }, at));
      continue;
    }
    const sourceType = source.node.type;
    const ports = wiredPorts.get(edge.source) ?? new Set<string>();
    wiredPorts.set(edge.source, ports);
    const portTaken = ports.has(edge.sourceHandle);
    ports.add(edge.sourceHandle);
    const fromNode = { ...at, nodeId: edge.source };
    if (!target) {
      problems.push(
        makeProblem('edge.missing-target', { target: edge.target, nodeType: sourceType }, fromNode),
      );
      continue;
    }
    if (edge.source === edge.target) {
      problems.push(makeProblem('edge.self-loop', { nodeType: sourceType }, fromNode));
      continue;
    }
    if (target.analysis.definition?.category === 'trigger') {
      problems.push(
        makeProblem('edge.into-trigger', { nodeType: target.node.type }, { ...at, nodeId: edge.target }),
      );
      continue;
    }
    const known = source.analysis.ports;
    if (known && !known.some((port) => port.id === edge.sourceHandle)) {
      problems.push(
        makeProblem('edge.unknown-port', { port: edge.sourceHandle, nodeType: sourceType }, fromNode),
      );
      continue;
    }
    if (portTaken) {
      problems.push(
        makeProblem('edge.port-taken', { port: edge.sourceHandle, nodeType: sourceType }, fromNode),
      );
      continue;
    }
    usable.push(edge);
  }
  return { usable, wiredPorts, problems };
}
