import type { JourneyEdge } from '../graph/schema.ts';
import { makeProblem, type Problem } from '../problems/problem.ts';
import type { CheckedNode } from './check-nodes.ts';

/** Node ids whose type is a trigger, in graph order. */
export function triggerIds(byId: ReadonlyMap<string, CheckedNode>): string[] {
  return [...byId.values()]
    .filter((checked) => checked.analysis.definition?.category === 'trigger')
    .map((checked) => checked.node.id);
}

/** A journey starts with at least one trigger, and all its triggers are of one kind. */
export function checkTriggers(byId: ReadonlyMap<string, CheckedNode>): Problem[] {
  const triggers = triggerIds(byId);
  if (triggers.length === 0) return [makeProblem('graph.no-trigger')];
  const typeOf = (id: string) => byId.get(id)!.node.type;
  const kinds = [...new Set(triggers.map(typeOf))];
  if (kinds.length === 1) return [];
  // Point at the first trigger that differs from the first one, so the canvas can mark it.
  const odd = triggers.find((id) => typeOf(id) !== kinds[0])!;
  return [makeProblem('graph.mixed-triggers', { kinds, nodeType: typeOf(odd) }, { nodeId: odd })];
}

/** Every port a type marks as required has an edge. */
export function checkRequiredPorts(
  byId: ReadonlyMap<string, CheckedNode>,
  wiredPorts: ReadonlyMap<string, ReadonlySet<string>>,
): Problem[] {
  const problems: Problem[] = [];
  for (const { node, analysis } of byId.values()) {
    for (const port of analysis.ports ?? []) {
      if (!port.required || wiredPorts.get(node.id)?.has(port.id)) continue;
      problems.push(makeProblem('port.unwired', { port: port.id, nodeType: node.type }, { nodeId: node.id }));
    }
  }
  return problems;
}

/** Successor lists over usable edges. */
export function successors(edges: readonly JourneyEdge[]): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  return next;
}

/** Node ids reachable from `starts` (included) by following `next`. */
export function reachableFrom(
  starts: readonly string[],
  next: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const seen = new Set(starts);
  const queue = [...starts];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const target of next.get(id) ?? []) {
      if (seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return seen;
}

/** Every node can be reached from a trigger. Skipped without triggers: `graph.no-trigger` says it all. */
export function checkReachability(
  byId: ReadonlyMap<string, CheckedNode>,
  edges: readonly JourneyEdge[],
): Problem[] {
  const triggers = triggerIds(byId);
  if (triggers.length === 0) return [];
  const reached = reachableFrom(triggers, successors(edges));
  return [...byId.values()]
    .filter(({ node }) => !reached.has(node.id))
    .map(({ node }) => makeProblem('node.unreachable', { nodeType: node.type }, { nodeId: node.id }));
}
