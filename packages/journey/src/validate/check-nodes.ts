import type { JourneyNode } from '../graph/schema.ts';
import { analyzeNode, type NodeAnalysis } from '../node-analysis.ts';
import { makeProblem, type Problem } from '../problems/problem.ts';
import { fieldName } from '../problems/zod-issues.ts';
import { oneIssuePerField } from './one-issue-per-field.ts';

/** A node of the graph under validation, with what its type says about it. */
export interface CheckedNode {
  node: JourneyNode;
  analysis: NodeAnalysis;
}

/**
 * Indexes nodes by id (the first of duplicates wins, so later checks have one node per id) and
 * reports duplicate ids, unknown types and configs that do not match their type's schema.
 */
export function checkNodes(nodes: readonly { node: JourneyNode }[]): {
  byId: Map<string, CheckedNode>;
  problems: Problem[];
} {
  const byId = new Map<string, CheckedNode>();
  const problems: Problem[] = [];
  const duplicates = new Set<string>();
  for (const { node } of nodes) {
    if (byId.has(node.id)) {
      if (!duplicates.has(node.id)) problems.push(makeProblem('node.duplicate-id', {}, { nodeId: node.id }));
      duplicates.add(node.id);
      continue;
    }
    const analysis = analyzeNode(node);
    byId.set(node.id, { node, analysis });
    if (!analysis.definition) {
      problems.push(makeProblem('node.unknown-type', { type: node.type }, { nodeId: node.id }));
      continue;
    }
    for (const issue of oneIssuePerField(analysis.configIssues)) {
      const params = {
        ...issue.params,
        nodeType: node.type,
        reason: issue.reason,
        field: fieldName(issue.path),
      };
      problems.push(makeProblem('node.invalid-config', params, { nodeId: node.id, path: issue.path }));
    }
  }
  return { byId, problems };
}
