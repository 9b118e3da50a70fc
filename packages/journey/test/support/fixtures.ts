import type { JourneyEdge, JourneyGraph, JourneyNode, ValidationContext } from '../../src/index.ts';

/** The world the base graph is valid in. */
export const context: ValidationContext = {
  templates: {
    'tpl-sms': { channel: 'sms' },
    'tpl-wecom': { channel: 'wecom' },
    'tpl-email': { channel: 'email' },
  },
  segments: ['seg-1'],
  connectors: { 'conn-sms': { channel: 'sms' }, 'conn-wecom': { channel: 'wecom' } },
  now: new Date('2026-06-01T00:00:00Z'),
};

export function node(id: string, type: string, config: unknown): JourneyNode {
  return { id, type, config, position: { x: 0, y: 0 } };
}

export function edge(
  source: string,
  sourceHandle: string,
  target: string,
  id = `${source}.${sourceHandle}`,
): JourneyEdge {
  return { id, source, sourceHandle, target };
}

/**
 * A small valid journey, fresh on every call so a test can break it freely:
 * trigger t → filter f → split s (A/B) → sends sa (SMS) / sb (WeCom) → wait-for-event w → exit x.
 * The filter's "no" exit is free, so tests hang extra nodes there.
 */
export function baseGraph(): JourneyGraph {
  return {
    nodes: [
      node('t', 'trigger.event', {
        event: 'large_deposit',
        condition: { type: 'property', field: 'amount', valueType: 'number', op: 'gte', value: 50000 },
      }),
      node('f', 'filter', { condition: { type: 'tag', op: 'notHas', tag: 'wealth-holder' } }),
      node('s', 'split.ab', {
        variants: [
          { id: 'A', label: 'A', weight: 50 },
          { id: 'B', label: 'B', weight: 50 },
        ],
        mode: 'fixed',
      }),
      node('sa', 'send', {
        channel: 'sms',
        connectorId: 'conn-sms',
        content: { kind: 'template', templateId: 'tpl-sms' },
      }),
      node('sb', 'send', {
        channel: 'wecom',
        connectorId: 'conn-wecom',
        content: { kind: 'template', templateId: 'tpl-wecom' },
      }),
      node('w', 'wait.event', { event: 'purchase', timeout: { amount: 3, unit: 'days' } }),
      node('x', 'exit', { reason: 'done' }),
    ],
    edges: [
      edge('t', 'out', 'f'),
      edge('f', 'yes', 's'),
      edge('s', 'A', 'sa'),
      edge('s', 'B', 'sb'),
      edge('sa', 'sent', 'w'),
      edge('sb', 'sent', 'w'),
      edge('w', 'matched', 'x'),
    ],
    settings: { goal: { event: 'purchase', windowDays: 7 } },
  };
}

/** The node with `id` (throws in a test that expects it). */
export function nodeById(graph: JourneyGraph, id: string): JourneyNode {
  const found = graph.nodes.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

/** Hangs `extra` off the filter's free "no" exit and wires each of its required ports to the exit. */
export function hangOffFilter(
  graph: JourneyGraph,
  extra: JourneyNode,
  ports: readonly string[],
): JourneyGraph {
  graph.nodes.push(extra);
  graph.edges.push(edge('f', 'no', extra.id));
  for (const port of ports) graph.edges.push(edge(extra.id, port, 'x'));
  return graph;
}
