import type { z } from 'zod';
import { edgeSchema, graphLimits, type JourneyEdge, type JourneyNode, nodeSchema } from '../graph/schema.ts';
import { makeProblem, type Problem } from '../problems/problem.ts';
import { type FieldIssue, fieldName, safeParseFields } from '../problems/zod-issues.ts';

/** The usable parts of an input that claims to be a graph, and what was wrong with the rest. */
export interface ReadGraph {
  nodes: { node: JourneyNode; index: number }[];
  edges: { edge: JourneyEdge; index: number }[];
  settings: unknown;
  problems: Problem[];
  /** True when nothing more can be checked (the input is not a graph at all, or far too large). */
  fatal: boolean;
}

function shapeProblem(issue: FieldIssue, prefix: (string | number)[]): Problem {
  const path = [...prefix, ...issue.path];
  return makeProblem(
    'graph.invalid-shape',
    { ...issue.params, reason: issue.reason, field: fieldName(path) },
    { path },
  );
}

function readItems<T>(
  list: unknown,
  key: 'nodes' | 'edges',
  schema: z.ZodType<T>,
  limit: number,
  problems: Problem[],
): { items: { value: T; index: number }[]; fatal: boolean } {
  if (list === undefined) return { items: [], fatal: false };
  if (!Array.isArray(list)) {
    problems.push(shapeProblem({ path: [], reason: 'wrong-type', params: { expected: 'array' } }, [key]));
    return { items: [], fatal: false };
  }
  if (list.length > limit) {
    problems.push(shapeProblem({ path: [], reason: 'too-long', params: { maximum: limit } }, [key]));
    return { items: [], fatal: true };
  }
  const items: { value: T; index: number }[] = [];
  list.forEach((item, index) => {
    const parsed = safeParseFields(schema, item);
    if (parsed.ok) items.push({ value: parsed.value, index });
    else problems.push(...parsed.issues.map((issue) => shapeProblem(issue, [key, index])));
  });
  return { items, fatal: false };
}

/**
 * Reads nodes and edges one by one, so one malformed node is reported and skipped while the rest
 * of the graph is still checked.
 */
export function readGraph(input: unknown): ReadGraph {
  const problems: Problem[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    const issue: FieldIssue = { path: [], reason: 'wrong-type', params: { expected: 'object' } };
    return { nodes: [], edges: [], settings: undefined, problems: [shapeProblem(issue, [])], fatal: true };
  }
  const graph = input as Record<string, unknown>;
  const own = (key: string) => (Object.hasOwn(graph, key) ? graph[key] : undefined);
  if (own('nodes') === undefined)
    problems.push(shapeProblem({ path: [], reason: 'required', params: {} }, ['nodes']));
  const nodes = readItems(own('nodes'), 'nodes', nodeSchema, graphLimits.nodes, problems);
  const edges = readItems(own('edges'), 'edges', edgeSchema, graphLimits.edges, problems);
  return {
    nodes: nodes.items.map(({ value, index }) => ({ node: value as JourneyNode, index })),
    edges: edges.items.map(({ value, index }) => ({ edge: value, index })),
    settings: own('settings'),
    problems,
    fatal: nodes.fatal || edges.fatal,
  };
}
