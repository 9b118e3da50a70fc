import type { JourneyGraph, JourneyNode, ProblemCode, ValidationContext } from '../../src/index.ts';
import { outputPorts } from '../../src/index.ts';

/** A defect put into a valid journey, and where validation must report it. */
export interface InjectedDefect {
  graph: JourneyGraph;
  context: ValidationContext;
  /** The node the problem must name (any of these, for a loop); undefined when the problem is not about a node. */
  nodeIds?: string[];
}

/** Breaks a valid journey in one way; `pick` chooses among candidates (driven by fast-check). */
export type Injector = (
  journey: { graph: JourneyGraph; context: ValidationContext },
  pick: (n: number) => number,
) => InjectedDefect;

function clone<T>(value: T): T {
  return structuredClone(value);
}

function makeNode(id: string, type: string, config: unknown): JourneyNode {
  return { id, type, config, position: { x: 0, y: 0 } };
}

/**
 * Puts `extra` on an existing edge s → t: the edge now ends at `extra`, and every port of
 * `extra` leads to t. Reachability and wiring stay as they were, so only the injected defect shows.
 */
function insertOnEdge(graph: JourneyGraph, pick: (n: number) => number, extra: JourneyNode): JourneyGraph {
  const edge = graph.edges[pick(graph.edges.length)]!;
  const target = edge.target;
  edge.target = extra.id;
  graph.nodes.push(extra);
  for (const port of outputPorts(extra)) {
    graph.edges.push({ id: `${extra.id}.${port.id}`, source: extra.id, sourceHandle: port.id, target });
  }
  return graph;
}

const triggers = (graph: JourneyGraph) => graph.nodes.filter((node) => node.type.startsWith('trigger.'));
const steps = (graph: JourneyGraph) => graph.nodes.filter((node) => !node.type.startsWith('trigger.'));

function insertNode(type: string, config: unknown): Injector {
  return ({ graph, context }, pick) => {
    const extra = makeNode('injected', type, config);
    return { graph: insertOnEdge(clone(graph), pick, extra), context, nodeIds: ['injected'] };
  };
}

function withSettings(change: (settings: Record<string, unknown>, graph: JourneyGraph) => void): Injector {
  return ({ graph, context }) => {
    const broken = clone(graph);
    const settings = { ...(broken.settings ?? {}) } as Record<string, unknown>;
    change(settings, broken);
    broken.settings = settings;
    return { graph: broken, context };
  };
}

const sendSms = (templateId: string, connectorId: string) => ({
  channel: 'sms',
  connectorId,
  content: { kind: 'template', templateId },
});

/**
 * One injector per problem code a planner can cause. `graph.validation-failed` is absent on
 * purpose: it signals a bug in validation and must never appear.
 */
export const injectors: Partial<Record<ProblemCode, Injector>> = {
  'graph.invalid-shape': ({ graph, context }, pick) => {
    const broken = clone(graph) as unknown as { nodes: Record<string, unknown>[] };
    broken.nodes[pick(broken.nodes.length)]!.position = 'somewhere';
    return { graph: broken as unknown as JourneyGraph, context };
  },
  'graph.no-trigger': ({ graph, context }) => {
    const broken = clone(graph);
    broken.nodes = steps(broken);
    return { graph: broken, context };
  },
  'graph.mixed-triggers': ({ graph, context }, pick) => {
    const broken = clone(graph);
    const other =
      triggers(broken)[0]!.type === 'trigger.event'
        ? makeNode('other-trigger', 'trigger.segment', { segmentId: 'seg-1', schedule: { kind: 'once' } })
        : makeNode('other-trigger', 'trigger.event', { event: 'salary_credit' });
    const target = steps(broken)[pick(steps(broken).length)]!;
    broken.nodes.push(other);
    broken.edges.push({ id: 'other-trigger.out', source: other.id, sourceHandle: 'out', target: target.id });
    const segments = [...(context.segments as Iterable<string>), 'seg-1'];
    const odd = broken.nodes.find((candidate) => candidate.type === other.type)!;
    return { graph: broken, context: { ...context, segments }, nodeIds: [odd.id] };
  },
  'graph.cycle-without-wait': ({ graph, context }, pick) => {
    // s → F, F.yes → t, F.no → U, U.out → F: a loop of two instant nodes.
    const broken = insertOnEdge(
      clone(graph),
      pick,
      makeNode('loop-filter', 'filter', { condition: { type: 'tag', op: 'has', tag: 'vip' } }),
    );
    broken.edges = broken.edges.filter((edge) => edge.id !== 'loop-filter.no');
    broken.nodes.push(
      makeNode('loop-update', 'update', { setAttributes: {}, addTags: ['looped'], removeTags: [] }),
    );
    broken.edges.push(
      { id: 'loop-in', source: 'loop-filter', sourceHandle: 'no', target: 'loop-update' },
      { id: 'loop-back', source: 'loop-update', sourceHandle: 'out', target: 'loop-filter' },
    );
    return { graph: broken, context, nodeIds: ['loop-filter', 'loop-update'] };
  },
  'node.duplicate-id': ({ graph, context }, pick) => {
    const broken = clone(graph);
    const copy = clone(broken.nodes[pick(broken.nodes.length)]!);
    broken.nodes.push(copy);
    return { graph: broken, context, nodeIds: [copy.id] };
  },
  'node.unknown-type': ({ graph, context }, pick) => {
    const broken = clone(graph);
    const victim = broken.nodes[pick(broken.nodes.length)]!;
    victim.type = 'teleport';
    return { graph: broken, context, nodeIds: [victim.id] };
  },
  'node.invalid-config': ({ graph, context }, pick) => {
    const broken = clone(graph);
    const victim = broken.nodes[pick(broken.nodes.length)]!;
    victim.config = [42, null, {}, 'config'][pick(4)];
    return { graph: broken, context, nodeIds: [victim.id] };
  },
  'node.unreachable': ({ graph, context }, pick) => {
    const broken = clone(graph);
    const target = steps(broken)[pick(steps(broken).length)]!;
    broken.nodes.push(makeNode('island', 'wait.duration', { amount: 2, unit: 'hours' }));
    broken.edges.push({ id: 'island.out', source: 'island', sourceHandle: 'out', target: target.id });
    return { graph: broken, context, nodeIds: ['island'] };
  },
  'port.unwired': ({ graph, context }, pick) => {
    const broken = clone(graph);
    const required = broken.edges.filter((edge) => {
      const source = broken.nodes.find((node) => node.id === edge.source)!;
      return outputPorts(source).some((port) => port.id === edge.sourceHandle && port.required);
    });
    const removed = required[pick(required.length)]!;
    broken.edges = broken.edges.filter((edge) => edge !== removed);
    return { graph: broken, context, nodeIds: [removed.source] };
  },
  'edge.duplicate-id': ({ graph, context }, pick) => {
    const broken = clone(graph);
    broken.edges.push(clone(broken.edges[pick(broken.edges.length)]!));
    return { graph: broken, context };
  },
  'edge.missing-source': ({ graph, context }, pick) => {
    const broken = clone(graph);
    const target = steps(broken)[pick(steps(broken).length)]!;
    broken.edges.push({ id: 'from-nowhere', source: 'nowhere', sourceHandle: 'out', target: target.id });
    return { graph: broken, context };
  },
  'edge.missing-target': ({ graph, context }, pick) => {
    const broken = clone(graph);
    const edge = broken.edges[pick(broken.edges.length)]!;
    edge.target = 'nowhere';
    return { graph: broken, context, nodeIds: [edge.source] };
  },
  'edge.unknown-port': ({ graph, context }, pick) => {
    const broken = clone(graph);
    const edge = broken.edges[pick(broken.edges.length)]!;
    edge.sourceHandle = 'no-such-exit';
    return { graph: broken, context, nodeIds: [edge.source] };
  },
  'edge.port-taken': ({ graph, context }, pick) => {
    const broken = clone(graph);
    const edge = broken.edges[pick(broken.edges.length)]!;
    broken.edges.push({ ...edge, id: `${edge.id}-again` });
    return { graph: broken, context, nodeIds: [edge.source] };
  },
  'edge.into-trigger': ({ graph, context }, pick) => {
    // Via a new node, so the edge into the trigger never starts at that trigger (a self-loop).
    const extra = makeNode('back-to-start', 'update', {
      setAttributes: {},
      addTags: ['again'],
      removeTags: [],
    });
    const broken = insertOnEdge(clone(graph), pick, extra);
    const trigger = triggers(broken)[pick(triggers(broken).length)]!;
    broken.edges.find((edge) => edge.source === extra.id)!.target = trigger.id;
    return { graph: broken, context, nodeIds: [trigger.id] };
  },
  'edge.self-loop': ({ graph, context }, pick) => {
    const broken = clone(graph);
    const edge = broken.edges[pick(broken.edges.length)]!;
    edge.target = edge.source;
    return { graph: broken, context, nodeIds: [edge.source] };
  },
  'ref.template-missing': insertNode('send', sendSms('tpl-gone', 'conn-sms')),
  'ref.template-channel-mismatch': (journey, pick) => {
    const defect = insertNode('send', sendSms('tpl-email-only', 'conn-sms'))(journey, pick);
    const templates = { ...(journey.context.templates as Record<string, { channel: 'email' | 'sms' }>) };
    templates['tpl-email-only'] = { channel: 'email' };
    const connectors = {
      ...(journey.context.connectors as Record<string, { channel: 'sms' }>),
      'conn-sms': { channel: 'sms' as const },
    };
    return { ...defect, context: { ...journey.context, templates, connectors } };
  },
  'ref.connector-missing': insertNode('send', {
    channel: 'push',
    connectorId: 'conn-gone',
    content: { kind: 'inline', body: 'Hi' },
  }),
  'ref.connector-channel-mismatch': (journey, pick) => {
    const defect = insertNode('send', {
      channel: 'push',
      connectorId: 'conn-mail',
      content: { kind: 'inline', body: 'Hi' },
    })(journey, pick);
    const connectors = {
      ...(journey.context.connectors as Record<string, { channel: 'email' }>),
      'conn-mail': { channel: 'email' as const },
    };
    return { ...defect, context: { ...journey.context, connectors } };
  },
  'ref.segment-missing': ({ graph, context }) => {
    const broken = clone(graph);
    const trigger = triggers(broken)[0]!;
    trigger.type = 'trigger.segment';
    trigger.config = { segmentId: 'seg-gone', schedule: { kind: 'once' } };
    return { graph: broken, context, nodeIds: [trigger.id] };
  },
  'settings.invalid': withSettings((settings) => {
    settings.timeZone = 'Atlantis/Capital';
  }),
  'settings.goal-invalid': withSettings((settings) => {
    settings.goal = { event: 'purchase', windowDays: 0 };
  }),
  'settings.goal-missing': withSettings((settings) => {
    delete settings.goal;
    settings.exitOnGoal = true;
  }),
  'settings.goal-is-trigger': withSettings((settings, graph) => {
    for (const trigger of triggers(graph))
      Object.assign(trigger, { type: 'trigger.event', config: { event: 'large_deposit' } });
    settings.goal = { event: 'large_deposit', windowDays: 7 };
  }),
  'settings.quiet-hours-empty': withSettings((settings) => {
    settings.quietHours = { start: '23:00', end: '23:00' };
  }),
  'split.weights-sum': insertNode('split.ab', {
    variants: [
      { id: 'A', label: 'A', weight: 30 },
      { id: 'B', label: 'B', weight: 30 },
    ],
    mode: 'fixed',
  }),
  'send.variant-unknown': insertNode('send', {
    channel: 'push',
    connectorId: 'conn-push',
    content: { kind: 'inline', body: 'Hi' },
    variantContent: { 'no-such-variant': { kind: 'inline', body: 'Hello' } },
  }),
  'update.nothing': insertNode('update', { setAttributes: {}, addTags: [], removeTags: [] }),
  'update.tag-conflict': insertNode('update', { setAttributes: {}, addTags: ['vip'], removeTags: ['vip'] }),
  'wait.date-past': insertNode('wait.until', { kind: 'date', at: '2020-01-01T00:00:00Z' }),
  'webhook.insecure-url': insertNode('webhook', { url: 'http://api.example.com/hook', method: 'POST' }),
  'webhook.private-host': insertNode('webhook', { url: 'https://[::1]:8443/hook', method: 'POST' }),
  'webhook.credentials-in-url': insertNode('webhook', {
    url: 'https://a:b@api.example.com/hook',
    method: 'POST',
  }),
};
