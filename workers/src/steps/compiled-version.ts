import type { Condition } from '@waymark/conditions';
import { graphSchema, type JourneySettings, nodeDefinition } from '@waymark/journey';
import { rmTaskOutcomeEvent } from '@waymark/journey/runtime';

/** One node of a published version, its config parsed once for every customer who passes it. */
export interface CompiledNode {
  id: string;
  type: string;
  config: unknown;
  /** Set when the stored config no longer matches its type (the enrollment fails with this reason). */
  problem: string | undefined;
  /** Whether the node performs an effect (a message, a call): its outcome is looked up by message key. */
  performs: boolean;
}

/** Node types whose executors perform effects through the engine (claimed, sent, reconciled). */
export const effectNodeTypes: ReadonlySet<string> = new Set(['send', 'webhook']);

/** A published journey version, ready to execute: nodes by id, edges by (node, port). */
export interface CompiledVersion {
  journeyId: string;
  version: number;
  settings: JourneySettings;
  nodes: ReadonlyMap<string, CompiledNode>;
  /** Where an enrollment goes when it leaves `nodeId` through `port`; undefined ends the journey. */
  next(nodeId: string, port: string): string | undefined;
  /** Trigger nodes of each kind (entry points). */
  triggers: { event: CompiledNode[]; segment: CompiledNode[] };
  /** Send / webhook nodes on a cycle: their messages need a visit number in the idempotency key. */
  effectNodesOnCycles: ReadonlySet<string>;
  /** Event names (and how far back) the version's filters count, so the step loads just those. */
  countedEvents: { names: ReadonlySet<string>; withinDays: number };
  /** Split nodes that re-weight from conversions. */
  adaptiveSplits: ReadonlySet<string>;
  /** Event names this version's wait.event / rm.task nodes wait for. */
  waitedEvents: ReadonlySet<string>;
}

/** Compiles a stored graph. Never throws for a bad node: the node carries its problem instead. */
export function compileVersion(journeyId: string, version: number, storedGraph: unknown): CompiledVersion {
  const graph = graphSchema.parse(storedGraph);
  const nodes = new Map<string, CompiledNode>();
  for (const node of graph.nodes) {
    const definition = nodeDefinition(node.type);
    if (!definition) {
      nodes.set(node.id, {
        id: node.id,
        type: node.type,
        config: undefined,
        problem: `unknown node type "${node.type}"`,
        performs: false,
      });
      continue;
    }
    const parsed = definition.configSchema.safeParse(node.config);
    nodes.set(node.id, {
      id: node.id,
      type: node.type,
      config: parsed.success ? parsed.data : undefined,
      problem: parsed.success ? undefined : `the settings of node "${node.id}" are invalid`,
      performs: effectNodeTypes.has(node.type),
    });
  }
  const edges = new Map<string, string>();
  for (const edge of graph.edges) edges.set(`${edge.source}\u0000${edge.sourceHandle}`, edge.target);
  const list = [...nodes.values()];
  return {
    journeyId,
    version,
    settings: graph.settings,
    nodes,
    next: (nodeId, port) => edges.get(`${nodeId}\u0000${port}`),
    triggers: {
      event: list.filter((n) => n.type === 'trigger.event' && !n.problem),
      segment: list.filter((n) => n.type === 'trigger.segment' && !n.problem),
    },
    effectNodesOnCycles: nodesOnCycles(list, graph.edges, effectNodeTypes),
    countedEvents: countedEvents(list),
    waitedEvents: new Set(
      list.flatMap((n) => {
        if (n.type === 'wait.event' && n.config) return [(n.config as { event: string }).event];
        if (n.type === 'rm.task') return [rmTaskOutcomeEvent];
        return [];
      }),
    ),
    adaptiveSplits: new Set(
      list
        .filter((n) => n.type === 'split.ab' && (n.config as { mode?: string } | undefined)?.mode !== 'fixed')
        .map((n) => n.id),
    ),
  };
}

function nodesOnCycles(
  nodes: readonly CompiledNode[],
  edges: readonly { source: string; target: string }[],
  types: ReadonlySet<string>,
): Set<string> {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const onCycle = new Set<string>();
  for (const node of nodes) {
    if (!types.has(node.type)) continue;
    const seen = new Set<string>();
    const stack = [...(out.get(node.id) ?? [])];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === node.id) {
        onCycle.add(node.id);
        break;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(out.get(id) ?? []));
    }
  }
  return onCycle;
}

function countedEvents(nodes: readonly CompiledNode[]): CompiledVersion['countedEvents'] {
  const names = new Set<string>();
  let withinDays = 0;
  const visit = (c: Condition | undefined) => {
    if (!c) return;
    if (c.type === 'all' || c.type === 'any') c.conditions.forEach(visit);
    else if (c.type === 'not') visit(c.condition);
    else if (c.type === 'eventCount') {
      names.add(c.event);
      withinDays = Math.max(withinDays, c.withinDays);
    }
  };
  for (const n of nodes)
    if (n.type === 'filter' && n.config) visit((n.config as { condition: Condition }).condition);
  return { names, withinDays };
}
