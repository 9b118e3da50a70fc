import type { Problem } from '@waymark/journey';
import { type ReactNode, useId } from 'react';
import type { JourneyGraph } from '../graph-types.ts';
import type { ProblemText } from '../problems/problem-text.tsx';
import type { References } from '../use-references.ts';

/** What every node form gets: the raw config (possibly incomplete) and a way to change it. */
export interface NodeFormProps<Config = Record<string, unknown>> {
  nodeId: string;
  config: Partial<Config>;
  onChange: (config: Partial<Config>, group?: string) => void;
  /** Problems of this node, for showing next to the fields they concern. */
  problems: readonly Problem[];
  references: References;
  graph: JourneyGraph;
  readOnly: boolean;
}

/** Messages of the problems whose config path starts with `path` (all of them for `[]`). */
export function problemsAt(
  problems: readonly Problem[],
  path: readonly (string | number)[],
  problemText: ProblemText,
): string[] {
  return problems
    .filter((problem) => {
      const at = problem.path ?? [];
      return path.every((part, index) => at[index] === part);
    })
    .map(problemText);
}

interface FieldProps {
  label: string;
  errors?: readonly string[];
  hint?: string | undefined;
  children: (id: string, invalid: boolean) => ReactNode;
}

/** A labelled form field with its problems below it, wired for screen readers. */
export function Field({ label, errors = [], hint, children }: FieldProps) {
  const id = useId();
  const invalid = errors.length > 0;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children(id, invalid)}
      {hint ? <span className="field-hint">{hint}</span> : null}
      {errors.map((error) => (
        <span key={error} className="field-error">
          {error}
        </span>
      ))}
    </div>
  );
}

/** A number from an input; an empty box stays empty text so the schema reports "required". */
export function numberFromInput(text: string): number | string {
  return text.trim() === '' ? '' : Number(text);
}

/** The upstream nodes of `nodeId` (every node from which it can be reached). */
export function ancestorsOf(graph: JourneyGraph, nodeId: string): JourneyGraph['nodes'] {
  const parents = new Map<string, string[]>();
  for (const edge of graph.edges)
    parents.set(edge.target, [...(parents.get(edge.target) ?? []), edge.source]);
  const seen = new Set<string>();
  const stack = [...(parents.get(nodeId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(parents.get(id) ?? []));
  }
  return graph.nodes.filter((node) => seen.has(node.id) && node.id !== nodeId);
}

/** The event of the journey's event trigger upstream of a node, for suggesting event properties. */
export function upstreamEvent(graph: JourneyGraph, nodeId: string): string | undefined {
  const trigger = ancestorsOf(graph, nodeId).find((node) => node.type === 'trigger.event');
  const event = (trigger?.config as { event?: unknown } | undefined)?.event;
  return typeof event === 'string' && event ? event : undefined;
}

/**
 * A copy of `object` with `key` set to `value`, or without `key` when `value` is undefined:
 * optional config fields are left out rather than stored as undefined (the schema is strict).
 */
export function withOptional<T extends object, K extends keyof T>(
  object: T,
  key: K,
  value: T[K] | undefined,
): T {
  const copy = { ...object } as Record<PropertyKey, unknown>;
  if (value === undefined) delete copy[key as PropertyKey];
  else copy[key as PropertyKey] = value;
  return copy as T;
}
