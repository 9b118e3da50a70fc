import fc from 'fast-check';
import { outputPorts } from '../connect.ts';
import type { JourneyEdge, JourneyGraph, JourneyNode } from '../graph/schema.ts';
import type { JourneySettingsInput } from '../graph/settings.ts';
import { analyzeNode } from '../node-analysis.ts';
import type { ValidationContext } from '../node-types/context.ts';
import { type NodeType, nodeDefinition, nodeTypes } from '../registry.ts';
import { configArbitraries, generatedGoalEvents } from './config-arbitraries.ts';
import { contextFor } from './context.ts';

/** Options for {@link arbitraryValidJourney}. */
export interface ValidJourneyOptions {
  /** Most non-trigger, non-exit nodes. Default 12. */
  maxSteps?: number;
}

type Gen = fc.GeneratorValue;
type FreePort = { node: number; port: string; required: boolean };

const triggerTypes = nodeTypes.filter((type) => type.category === 'trigger').map((type) => type.type);
const stepTypes = nodeTypes
  .filter((type) => type.category !== 'trigger' && type.type !== 'exit')
  .map((type) => type.type);

const settingsArbitrary: fc.Arbitrary<JourneySettingsInput> = fc
  .record(
    {
      goal: fc.record(
        {
          event: fc.constantFrom(...generatedGoalEvents),
          windowDays: fc.integer({ min: 1, max: 365 }),
          value: fc.nat(10_000),
        },
        { requiredKeys: ['event', 'windowDays'] },
      ),
      reEntry: fc.oneof(
        fc.constant({ policy: 'once' as const }),
        fc.constant({ policy: 'always' as const }),
        fc.record({ policy: fc.constant('afterDays' as const), days: fc.integer({ min: 1, max: 365 }) }),
      ),
      exitOnGoal: fc.boolean(),
      entryLimit: fc.record(
        { total: fc.integer({ min: 1, max: 1e6 }), perDay: fc.integer({ min: 1, max: 1e5 }) },
        { requiredKeys: [] },
      ),
      quietHours: fc.constantFrom({ start: '21:00', end: '08:00' }, { start: '12:00', end: '14:00' }),
      frequencyCap: fc.record({
        maxMessages: fc.integer({ min: 1, max: 10 }),
        perDays: fc.integer({ min: 1, max: 30 }),
      }),
      timeZone: fc.constantFrom('Asia/Shanghai', 'Asia/Hong_Kong', 'UTC', 'Europe/London'),
    },
    { requiredKeys: [] },
  )
  .map((settings) => (settings.goal ? settings : { ...settings, exitOnGoal: false }));

function makeNode(g: Gen, index: number, type: NodeType): JourneyNode {
  const config = g(() => configArbitraries[type] as fc.Arbitrary<unknown>);
  return {
    id: `n${index}`,
    type,
    config,
    position: { x: index * 240, y: g(fc.integer, { min: -400, max: 400 }) },
  };
}

/** Gives send nodes content for some A/B variants of the splits upstream of them. */
function addVariantContent(g: Gen, graph: JourneyGraph): void {
  const previous = new Map<string, string[]>();
  for (const edge of graph.edges)
    previous.set(edge.target, [...(previous.get(edge.target) ?? []), edge.source]);
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  for (const node of graph.nodes) {
    if (node.type !== 'send' || !g(fc.boolean)) continue;
    const seen = new Set<string>();
    const queue = [...(previous.get(node.id) ?? [])];
    const variants = new Set<string>();
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (seen.has(id)) continue;
      seen.add(id);
      const upstream = byId.get(id)!;
      if (upstream.type === 'split.ab') {
        for (const variant of (upstream.config as { variants: { id: string }[] }).variants)
          variants.add(variant.id);
      }
      queue.push(...(previous.get(id) ?? []));
    }
    if (variants.size === 0) continue;
    const chosen = g(fc.subarray, [...variants].sort(), { minLength: 1 });
    const config = node.config as { channel: string; content: unknown };
    node.config = {
      ...config,
      variantContent: Object.fromEntries(
        chosen.map((variant) => [variant, { kind: 'inline', body: `Variant ${variant}` }]),
      ),
    };
  }
}

function buildJourney(g: Gen, maxSteps: number): { graph: JourneyGraph; context: ValidationContext } {
  const triggerType = g(fc.constantFrom, ...triggerTypes);
  const triggerCount = g(fc.integer, { min: 1, max: 2 });
  const nodes: JourneyNode[] = [];
  const edges: JourneyEdge[] = [];
  const free: FreePort[] = [];
  const addEdge = (from: FreePort, target: number) =>
    edges.push({
      id: `e${edges.length}`,
      source: `n${from.node}`,
      sourceHandle: from.port,
      target: `n${target}`,
    });
  const addNode = (type: NodeType) => {
    const node = makeNode(g, nodes.length, type);
    nodes.push(node);
    for (const port of outputPorts(node))
      free.push({ node: nodes.length - 1, port: port.id, required: port.required });
  };
  for (let i = 0; i < triggerCount; i++) addNode(triggerType);
  const steps = g(fc.integer, { min: 0, max: maxSteps });
  for (let i = 0; i < steps; i++) {
    // Each step hangs off a free port of an earlier node, so every node is reachable.
    const parent = free.splice(g(fc.integer, { min: 0, max: free.length - 1 }), 1)[0]!;
    addEdge(parent, nodes.length);
    addNode(g(fc.constantFrom, ...stepTypes));
  }
  const stepCount = nodes.length;
  for (const port of free.splice(0)) {
    const source = nodes[port.node]!;
    // Forward edges keep the graph acyclic; back edges leave only pausing nodes, so every cycle
    // passes through a wait.
    const forward = Array.from({ length: stepCount }, (_, i) => i).filter(
      (i) => i > port.node && i >= triggerCount,
    );
    const back = analyzeNode(source).pauses
      ? Array.from({ length: port.node }, (_, i) => i).filter((i) => i >= triggerCount)
      : [];
    const choice = g(fc.constantFrom, 'exit', 'forward', 'back', 'leave');
    if (choice === 'leave' && !port.required) continue;
    const targets = choice === 'forward' ? forward : choice === 'back' ? back : [];
    if (targets.length > 0) {
      addEdge(port, g(fc.constantFrom, ...targets));
      continue;
    }
    addEdge(port, nodes.length);
    addNode('exit');
  }
  const graph: JourneyGraph = { nodes, edges, settings: g(() => settingsArbitrary) };
  addVariantContent(g, graph);
  return { graph, context: contextFor(graph) };
}

/**
 * Random journeys that are valid by construction: triggers of one kind, every node reachable,
 * every required port wired, loops only back from waits, configs from `configArbitraries`, and a
 * context that holds every reference. `validate` must find nothing in them.
 */
export function arbitraryValidJourney(
  options: ValidJourneyOptions = {},
): fc.Arbitrary<{ graph: JourneyGraph; context: ValidationContext }> {
  const maxSteps = options.maxSteps ?? 12;
  if (!nodeDefinition('exit')) throw new Error('the generator ends paths with exit nodes');
  return fc.gen().map((g) => buildJourney(g, maxSteps));
}
