import type { JourneyEdge } from '../graph/schema.ts';
import type { ReferenceLookups } from '../node-types/context.ts';
import type { NodeCheckContext, UpstreamNode } from '../node-types/define.ts';
import { isProblemCode } from '../problems/catalog.ts';
import { makeProblem, type Problem } from '../problems/problem.ts';
import { fieldName } from '../problems/zod-issues.ts';
import type { CheckedNode } from './check-nodes.ts';
import { reachableFrom } from './check-structure.ts';

/** Runs each node type's own `validate` on nodes whose config matches its schema. */
export function checkNodeRules(
  byId: ReadonlyMap<string, CheckedNode>,
  edges: readonly JourneyEdge[],
  lookups: ReferenceLookups,
): Problem[] {
  const previous = new Map<string, string[]>();
  for (const edge of edges) previous.set(edge.target, [...(previous.get(edge.target) ?? []), edge.source]);
  const problems: Problem[] = [];
  for (const { node, analysis } of byId.values()) {
    const check = analysis.definition?.validate;
    if (!analysis.configValid || !check) continue;
    let ancestors: UpstreamNode[] | undefined;
    const context: NodeCheckContext = {
      ...lookups,
      ancestors() {
        ancestors ??= [...reachableFrom([node.id], previous)]
          .filter((id) => id !== node.id)
          .map((id) => byId.get(id)!)
          .map(({ node: upstream, analysis: upstreamAnalysis }) => ({
            id: upstream.id,
            type: upstream.type,
            config: upstreamAnalysis.config,
            configValid: upstreamAnalysis.configValid,
          }));
        return ancestors;
      },
    };
    let issues: ReturnType<typeof check>;
    try {
      issues = check(analysis.config, context);
    } catch {
      problems.push(makeProblem('graph.validation-failed', { nodeType: node.type }, { nodeId: node.id }));
      continue;
    }
    for (const issue of issues) {
      // A definition returning an undeclared code is a bug; report it under a code the UI knows.
      const code = isProblemCode(issue.code) ? issue.code : 'graph.validation-failed';
      const path = issue.path ?? [];
      const params = { ...issue.params, nodeType: node.type, field: fieldName(path) };
      problems.push(makeProblem(code, params, { nodeId: node.id, path }));
    }
  }
  return problems;
}
