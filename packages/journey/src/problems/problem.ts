import type { MessageParam } from '../i18n/fill.ts';
import type { ProblemCode } from './catalog.ts';
import { formatProblem } from './format.ts';

/**
 * One thing wrong with a journey, located as precisely as possible so the canvas can mark it.
 * `path` is relative to the node's config when `nodeId` is set, to the edge when only `edgeId`
 * is set, and to the graph otherwise (e.g. `['settings', 'goal', 'windowDays']`).
 */
export interface Problem {
  code: ProblemCode;
  nodeId?: string;
  edgeId?: string;
  path?: (string | number)[];
  /** The English sentence; `formatProblem(problem, 'zh-CN')` gives it in another locale. */
  message: string;
  /** Values of the message's placeholders, for translating it again. */
  params: Record<string, MessageParam>;
}

/** Where a problem sits. */
export interface ProblemLocation {
  nodeId?: string | undefined;
  edgeId?: string | undefined;
  path?: (string | number)[] | undefined;
}

/** Builds a problem with its English message. */
export function makeProblem(
  code: ProblemCode,
  params: Record<string, MessageParam> = {},
  location: ProblemLocation = {},
): Problem {
  const problem: Problem = { code, params, message: '' };
  if (location.nodeId !== undefined) problem.nodeId = location.nodeId;
  if (location.edgeId !== undefined) problem.edgeId = location.edgeId;
  if (location.path !== undefined) problem.path = location.path;
  problem.message = formatProblem(problem, 'en');
  return problem;
}
