import { localize, nodeDefinition, outputPorts, type Problem } from '@waymark/journey';
import { useI18n } from '../../i18n/index.ts';
import { NodeIcon } from '../canvas/node-icon.tsx';
import type { JourneyGraph } from '../graph-types.ts';
import { useProblemText } from '../problems/problem-text.tsx';
import type { EditorCommands } from '../use-editor-commands.ts';
import type { References } from '../use-references.ts';
import { formFor } from './forms/index.ts';

interface NodeInspectorProps {
  node: JourneyGraph['nodes'][number];
  graph: JourneyGraph;
  problems: readonly Problem[];
  references: References;
  readOnly: boolean;
  commands: EditorCommands;
}

/** The selected step: what it is, its form, its problems and its exits. */
export function NodeInspector({ node, graph, problems, references, readOnly, commands }: NodeInspectorProps) {
  const { t, locale } = useI18n();
  const problemText = useProblemText();
  const definition = nodeDefinition(node.type);
  const Form = formFor(node.type);
  const nodeProblems = problems.filter((problem) => problem.nodeId === node.id);
  // Problems about one field show under that field; the box lists the rest (wiring, reachability).
  const generalProblems = nodeProblems.filter((problem) => (problem.path ?? []).length === 0);
  const config = (typeof node.config === 'object' && node.config !== null ? node.config : {}) as Record<
    string,
    unknown
  >;
  return (
    <div className="node-inspector" data-testid="node-inspector" data-node-type={node.type}>
      <header className={`inspector-head jn-${definition?.category ?? 'action'}`}>
        <span className="jn-icon">
          <NodeIcon name={definition?.icon ?? 'circle'} />
        </span>
        <div>
          <h2>{definition ? localize(definition.label, locale) : node.type}</h2>
          <span className="muted small mono">
            {t('inspector.nodeId')}: {node.id}
          </span>
        </div>
      </header>
      {definition ? <p className="muted small">{localize(definition.description, locale)}</p> : null}
      {generalProblems.length > 0 ? (
        <ul className="inspector-problems" aria-label={t('problems.title')}>
          {generalProblems.map((problem, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id.
            <li key={index}>{problemText(problem)}</li>
          ))}
        </ul>
      ) : null}
      {Form ? (
        <Form
          key={node.id}
          nodeId={node.id}
          config={config}
          onChange={(next: unknown, group?: string) => commands.setNodeConfig(node.id, next, group)}
          problems={nodeProblems}
          references={references}
          graph={graph}
          readOnly={readOnly}
        />
      ) : null}
      <h3>{t('inspector.ports')}</h3>
      <ul className="port-list">
        {outputPorts(node).map((port) => {
          const edge = graph.edges.find(
            (candidate) => candidate.source === node.id && candidate.sourceHandle === port.id,
          );
          const target = edge ? graph.nodes.find((candidate) => candidate.id === edge.target) : undefined;
          const targetLabel = target
            ? localize(
                nodeDefinition(target.type)?.label ?? { en: target.type, 'zh-CN': target.type },
                locale,
              )
            : '—';
          return (
            <li key={port.id} className="port-item">
              <strong>{localize(port.label, locale)}</strong> → {targetLabel}
            </li>
          );
        })}
      </ul>
      {!readOnly ? (
        <button type="button" className="button danger small" onClick={commands.deleteSelection}>
          {t('inspector.deleteNode')}
        </button>
      ) : null}
    </div>
  );
}
