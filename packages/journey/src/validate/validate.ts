import { type ReferenceLookups, referenceLookups, type ValidationContext } from '../node-types/context.ts';
import { makeProblem, type Problem } from '../problems/problem.ts';
import { checkCycles } from './check-cycles.ts';
import { checkEdges } from './check-edges.ts';
import { checkNodeRules } from './check-node-rules.ts';
import { checkNodes } from './check-nodes.ts';
import { checkSettings } from './check-settings.ts';
import { checkReachability, checkRequiredPorts, checkTriggers } from './check-structure.ts';
import { readGraph } from './read-graph.ts';

function run(input: unknown, lookups: ReferenceLookups): Problem[] {
  const read = readGraph(input);
  if (read.fatal) return read.problems;
  const nodes = checkNodes(read.nodes);
  const edges = checkEdges(read.edges, nodes.byId);
  return [
    ...read.problems,
    ...nodes.problems,
    ...edges.problems,
    ...checkTriggers(nodes.byId),
    ...checkRequiredPorts(nodes.byId, edges.wiredPorts),
    ...checkReachability(nodes.byId, edges.usable),
    ...checkCycles(nodes.byId, edges.usable),
    ...checkNodeRules(nodes.byId, edges.usable, lookups),
    ...checkSettings(read.settings, nodes.byId),
  ];
}

/**
 * Every problem that keeps a journey from being published, each with a stable code, the node or
 * edge it concerns and an English sentence (see `formatProblem` for other locales). An empty list
 * means the journey is valid. Never throws, whatever `graph` holds: the canvas validates while
 * the planner edits, and the server validates whatever a client sent.
 */
export function validate(graph: unknown, context: ValidationContext): Problem[] {
  try {
    return run(graph, referenceLookups(context));
  } catch {
    // A bug in a check must not turn into a 500 or a blank canvas; say the check is incomplete.
    return [makeProblem('graph.validation-failed')];
  }
}

/** True when `validate` finds nothing. */
export function isValid(graph: unknown, context: ValidationContext): boolean {
  return validate(graph, context).length === 0;
}
