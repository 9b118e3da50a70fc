import { describe, expect, it } from 'vitest';
import {
  formatProblem,
  type JourneyGraph,
  type Problem,
  type ProblemCode,
  problemCodes,
  type ValidationContext,
  validate,
} from '../src/index.ts';
import { baseGraph, context, edge, hangOffFilter, node, nodeById } from './support/fixtures.ts';

interface Case {
  /** The defective input. */
  input: () => { graph: unknown; context?: ValidationContext };
  /** Where the problem must point. */
  at: { nodeId?: string; edgeId?: string; path?: (string | number)[] };
  /** True when the defect must yield this one problem and nothing else. */
  alone: boolean;
}

function edit(change: (graph: JourneyGraph) => void): () => { graph: JourneyGraph } {
  return () => {
    const graph = baseGraph();
    change(graph);
    return { graph };
  };
}

function setConfig(graph: JourneyGraph, id: string, patch: Record<string, unknown>): void {
  const target = nodeById(graph, id);
  target.config = { ...(target.config as object), ...patch };
}

const hostile = new Proxy(
  {},
  {
    getOwnPropertyDescriptor() {
      throw new Error('hostile input');
    },
  },
);

/** One defect per code. Typed so that a new code without a case here does not compile. */
const cases = {
  'graph.invalid-shape': {
    input: edit((graph) => {
      nodeById(graph, 'x').position = 'top left' as never;
    }),
    at: { path: ['nodes', 6, 'position'] },
    alone: false,
  },
  'graph.no-trigger': {
    input: edit((graph) => {
      graph.nodes = graph.nodes.filter((candidate) => candidate.id !== 't');
      graph.edges = graph.edges.filter((candidate) => candidate.source !== 't');
    }),
    at: {},
    alone: true,
  },
  'graph.mixed-triggers': {
    input: edit((graph) => {
      graph.nodes.push(node('t2', 'trigger.segment', { segmentId: 'seg-1', schedule: { kind: 'once' } }));
      graph.edges.push(edge('t2', 'out', 'f'));
    }),
    at: { nodeId: 't2' },
    alone: true,
  },
  'graph.cycle-without-wait': {
    input: edit((graph) => graph.edges.push(edge('sa', 'failed', 'f'))),
    at: { nodeId: 'f' },
    alone: true,
  },
  'graph.validation-failed': { input: () => ({ graph: hostile }), at: {}, alone: true },
  'node.duplicate-id': {
    input: edit((graph) => graph.nodes.push(node('x', 'exit', { reason: 'again' }))),
    at: { nodeId: 'x' },
    alone: true,
  },
  'node.unknown-type': {
    input: edit((graph) => {
      nodeById(graph, 'w').type = 'wait.forever';
    }),
    at: { nodeId: 'w' },
    alone: true,
  },
  'node.invalid-config': {
    input: edit((graph) => setConfig(graph, 'w', { timeout: { amount: 0, unit: 'days' } })),
    at: { nodeId: 'w', path: ['timeout', 'amount'] },
    alone: true,
  },
  'node.unreachable': {
    input: edit((graph) => {
      graph.nodes.push(node('orphan', 'wait.duration', { amount: 1, unit: 'days' }));
      graph.edges.push(edge('orphan', 'out', 'x'));
    }),
    at: { nodeId: 'orphan' },
    alone: true,
  },
  'port.unwired': {
    input: edit((graph) => {
      graph.edges = graph.edges.filter((candidate) => candidate.id !== 'sa.sent');
    }),
    at: { nodeId: 'sa' },
    alone: true,
  },
  'edge.duplicate-id': {
    input: edit((graph) => graph.edges.push(edge('f', 'no', 'x', 'sa.sent'))),
    at: { edgeId: 'sa.sent' },
    alone: true,
  },
  'edge.missing-source': {
    input: edit((graph) => graph.edges.push(edge('ghost', 'out', 'x'))),
    at: { edgeId: 'ghost.out' },
    alone: true,
  },
  'edge.missing-target': {
    input: edit((graph) => graph.edges.push(edge('f', 'no', 'ghost'))),
    at: { nodeId: 'f', edgeId: 'f.no' },
    alone: true,
  },
  'edge.unknown-port': {
    input: edit((graph) => graph.edges.push(edge('f', 'maybe', 'x'))),
    at: { nodeId: 'f', edgeId: 'f.maybe' },
    alone: true,
  },
  'edge.port-taken': {
    input: edit((graph) => graph.edges.push(edge('f', 'yes', 'x', 'second-yes'))),
    at: { nodeId: 'f', edgeId: 'second-yes' },
    alone: true,
  },
  'edge.into-trigger': {
    input: edit((graph) => graph.edges.push(edge('f', 'no', 't'))),
    at: { nodeId: 't', edgeId: 'f.no' },
    alone: true,
  },
  'edge.self-loop': {
    input: edit((graph) => graph.edges.push(edge('f', 'no', 'f'))),
    at: { nodeId: 'f', edgeId: 'f.no' },
    alone: true,
  },
  'ref.template-missing': {
    input: edit((graph) => setConfig(graph, 'sa', { content: { kind: 'template', templateId: 'tpl-gone' } })),
    at: { nodeId: 'sa', path: ['content', 'templateId'] },
    alone: true,
  },
  'ref.template-channel-mismatch': {
    input: edit((graph) =>
      setConfig(graph, 'sa', { content: { kind: 'template', templateId: 'tpl-email' } }),
    ),
    at: { nodeId: 'sa', path: ['content', 'templateId'] },
    alone: true,
  },
  'ref.connector-missing': {
    input: edit((graph) => setConfig(graph, 'sa', { connectorId: 'conn-gone' })),
    at: { nodeId: 'sa', path: ['connectorId'] },
    alone: true,
  },
  'ref.connector-channel-mismatch': {
    input: edit((graph) => setConfig(graph, 'sa', { connectorId: 'conn-wecom' })),
    at: { nodeId: 'sa', path: ['connectorId'] },
    alone: true,
  },
  'ref.segment-missing': {
    input: edit((graph) => {
      Object.assign(nodeById(graph, 't'), {
        type: 'trigger.segment',
        config: { segmentId: 'seg-gone', schedule: { kind: 'daily', time: '09:30' } },
      });
    }),
    at: { nodeId: 't', path: ['segmentId'] },
    alone: true,
  },
  'settings.invalid': {
    input: edit((graph) => {
      graph.settings = { ...graph.settings, timeZone: 'Mars/Olympus_Mons' };
    }),
    at: { path: ['settings', 'timeZone'] },
    alone: true,
  },
  'settings.goal-invalid': {
    input: edit((graph) => {
      graph.settings = { goal: { event: 'purchase', windowDays: 0 } };
    }),
    at: { path: ['settings', 'goal', 'windowDays'] },
    alone: true,
  },
  'settings.goal-missing': {
    input: edit((graph) => {
      graph.settings = { exitOnGoal: true };
    }),
    at: { path: ['settings', 'exitOnGoal'] },
    alone: true,
  },
  'settings.goal-is-trigger': {
    input: edit((graph) => {
      nodeById(graph, 't').config = { event: 'large_deposit' };
      graph.settings = { goal: { event: 'large_deposit', windowDays: 7 } };
    }),
    at: { path: ['settings', 'goal', 'event'] },
    alone: true,
  },
  'settings.quiet-hours-empty': {
    input: edit((graph) => {
      graph.settings = { ...graph.settings, quietHours: { start: '22:00', end: '22:00' } };
    }),
    at: { path: ['settings', 'quietHours'] },
    alone: true,
  },
  'split.weights-sum': {
    input: edit((graph) =>
      setConfig(graph, 's', {
        variants: [
          { id: 'A', label: 'A', weight: 50 },
          { id: 'B', label: 'B', weight: 40 },
        ],
      }),
    ),
    at: { nodeId: 's', path: ['variants'] },
    alone: true,
  },
  'send.variant-unknown': {
    input: edit((graph) => setConfig(graph, 'sa', { variantContent: { Z: { kind: 'inline', body: 'Hi' } } })),
    at: { nodeId: 'sa', path: ['variantContent', 'Z'] },
    alone: true,
  },
  'update.nothing': {
    input: edit((graph) =>
      hangOffFilter(graph, node('u', 'update', { setAttributes: {}, addTags: [], removeTags: [] }), ['out']),
    ),
    at: { nodeId: 'u' },
    alone: true,
  },
  'update.tag-conflict': {
    input: edit((graph) =>
      hangOffFilter(
        graph,
        node('u', 'update', { setAttributes: {}, addTags: ['vip'], removeTags: ['vip'] }),
        ['out'],
      ),
    ),
    at: { nodeId: 'u', path: ['addTags'] },
    alone: true,
  },
  'wait.date-past': {
    input: edit((graph) =>
      hangOffFilter(graph, node('wu', 'wait.until', { kind: 'date', at: '2026-01-01T09:00:00+08:00' }), [
        'out',
      ]),
    ),
    at: { nodeId: 'wu', path: ['at'] },
    alone: true,
  },
  'webhook.insecure-url': {
    input: edit((graph) =>
      hangOffFilter(graph, node('h', 'webhook', { url: 'http://api.example.com/hook', method: 'POST' }), [
        'ok',
      ]),
    ),
    at: { nodeId: 'h', path: ['url'] },
    alone: true,
  },
  'webhook.private-host': {
    input: edit((graph) =>
      hangOffFilter(graph, node('h', 'webhook', { url: 'https://10.1.2.3/hook', method: 'POST' }), ['ok']),
    ),
    at: { nodeId: 'h', path: ['url'] },
    alone: true,
  },
  'webhook.credentials-in-url': {
    input: edit((graph) =>
      hangOffFilter(
        graph,
        node('h', 'webhook', { url: 'https://bot:s3cret@api.example.com/', method: 'GET' }),
        ['ok'],
      ),
    ),
    at: { nodeId: 'h', path: ['url'] },
    alone: true,
  },
} satisfies Record<ProblemCode, Case>;

function run(testCase: Case): Problem[] {
  const input = testCase.input();
  return validate(input.graph, input.context ?? context);
}

describe('validate: one defect per problem code', () => {
  it('has a case for every code of the catalog', () => {
    expect(Object.keys(cases).sort()).toEqual([...problemCodes]);
  });

  it('finds nothing in the base graph', () => {
    expect(validate(baseGraph(), context)).toEqual([]);
  });

  for (const [code, testCase] of Object.entries(cases) as [ProblemCode, Case][]) {
    it(`reports ${code} where the defect is`, () => {
      const problems = run(testCase);
      const found = problems.filter((problem) => problem.code === code);
      expect(found, JSON.stringify(problems, null, 2)).toHaveLength(1);
      expect(found[0]).toMatchObject(testCase.at);
      if (testCase.alone) expect(problems.map((problem) => problem.code)).toEqual([code]);
    });

    it(`words ${code} in English and Chinese with every placeholder filled`, () => {
      const problem = run(testCase).find((candidate) => candidate.code === code)!;
      const zh = formatProblem(problem, 'zh-CN');
      expect(problem.message).toBe(formatProblem(problem, 'en'));
      expect(problem.message).not.toMatch(/\{[A-Za-z]+\}/);
      expect(zh).not.toMatch(/\{[A-Za-z]+\}/);
      expect(zh).not.toBe(problem.message);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
    });
  }
});
