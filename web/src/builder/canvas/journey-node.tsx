import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { NodeIcon } from './node-icon.tsx';

/** What the canvas draws on one node; built by `toFlowNodes` from the graph and the registry. */
export interface JourneyNodeData extends Record<string, unknown> {
  type: string;
  label: string;
  summary: string;
  category: string;
  icon: string;
  ports: readonly { id: string; label: string }[];
  /** A trigger starts the journey: it has no entry handle. */
  isTrigger: boolean;
  problems: readonly string[];
  /** Live counts, only in live view. */
  stats?: { entered: string; waiting?: string | undefined } | undefined;
  problemsLabel: string;
}

export type JourneyFlowNode = Node<JourneyNodeData, 'journey'>;

function portLeft(index: number, count: number): string {
  return `${((index + 1) / (count + 1)) * 100}%`;
}

/** One step of the journey on the canvas: category colour, icon, label, one-line summary, exits. */
export const JourneyNodeView = memo(function JourneyNodeView({ data, selected }: NodeProps<JourneyFlowNode>) {
  const hasProblems = data.problems.length > 0;
  const showPortLabels = data.ports.length > 1;
  return (
    <div
      className={`jn jn-${data.category}${selected ? ' jn-selected' : ''}${hasProblems ? ' jn-invalid' : ''}`}
      data-node-type={data.type}
      title={hasProblems ? data.problems.join('\n') : data.summary}
    >
      {data.isTrigger ? null : (
        <Handle type="target" position={Position.Top} id="in" className="jn-handle-in" />
      )}
      <div className="jn-head">
        <span className="jn-icon">
          <NodeIcon name={data.icon} size={14} />
        </span>
        <span className="jn-label">{data.label}</span>
        {hasProblems ? (
          <span className="jn-problems" role="img" aria-label={data.problemsLabel}>
            {data.problems.length}
          </span>
        ) : null}
      </div>
      <div className="jn-summary">{data.summary}</div>
      {data.stats ? (
        <div className="jn-stats">
          <span>{data.stats.entered}</span>
          {data.stats.waiting ? <span>{data.stats.waiting}</span> : null}
        </div>
      ) : null}
      {data.ports.map((port, index) => (
        <Handle
          key={port.id}
          type="source"
          position={Position.Bottom}
          id={port.id}
          className="jn-handle-out"
          style={{ left: portLeft(index, data.ports.length) }}
          title={port.label}
        />
      ))}
      {showPortLabels ? (
        <div className="jn-ports" aria-hidden="true">
          {data.ports.map((port, index) => (
            <span key={port.id} style={{ left: portLeft(index, data.ports.length) }}>
              {port.label}
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
});
