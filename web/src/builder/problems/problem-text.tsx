import { formatProblem, type NodeNames, nodeNamesFor, type Problem } from '@waymark/journey';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef } from 'react';
import { useI18n } from '../../i18n/index.ts';
import type { JourneyGraph } from '../graph-types.ts';

/** A problem in the planner's words and language. */
export type ProblemText = (problem: Pick<Problem, 'code' | 'params' | 'nodeId' | 'edgeId'>) => string;

const ProblemTextContext = createContext<ProblemText | undefined>(undefined);

/**
 * Problem messages that name steps as the canvas shows them ("Filter", Send message “SMS ·
 * template”) instead of by id, from the graph the problems were found in.
 */
export function useProblemTextFor(graph: JourneyGraph): ProblemText {
  const { locale } = useI18n();
  const names = useNodeNames(graph.nodes, locale);
  return useMemo(() => (problem) => formatProblem(problem, locale, names), [locale, names]);
}

type GraphNode = JourneyGraph['nodes'][number];

/**
 * Names depend on the steps' types and configs only: moving steps (every drag) keeps the names,
 * so messages, badges and the problems list are not re-worded for nothing.
 */
function useNodeNames(nodes: readonly GraphNode[], locale: ReturnType<typeof useI18n>['locale']): NodeNames {
  const last = useRef<{ nodes: readonly GraphNode[]; locale: string; names: NodeNames } | undefined>(
    undefined,
  );
  return useMemo(() => {
    const previous = last.current;
    const same =
      previous !== undefined &&
      previous.locale === locale &&
      previous.nodes.length === nodes.length &&
      previous.nodes.every((node, index) => {
        const other = nodes[index];
        return (
          other !== undefined &&
          other.id === node.id &&
          other.type === node.type &&
          other.config === node.config
        );
      });
    if (same) return previous.names;
    const names = nodeNamesFor({ nodes }, locale);
    last.current = { nodes, locale, names };
    return names;
  }, [nodes, locale]);
}

/** Gives the editor's parts one way to word problems (see `useProblemTextFor`). */
export function ProblemTextProvider({ value, children }: { value: ProblemText; children: ReactNode }) {
  return <ProblemTextContext.Provider value={value}>{children}</ProblemTextContext.Provider>;
}

/** The editor's problem wording; outside an editor, messages name steps by label and id. */
export function useProblemText(): ProblemText {
  const provided = useContext(ProblemTextContext);
  const { locale } = useI18n();
  const plain = useCallback<ProblemText>((problem) => formatProblem(problem, locale), [locale]);
  return provided ?? plain;
}
