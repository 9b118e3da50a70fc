import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../graph-types.ts';
import type { JourneyFlowNode } from './journey-node.tsx';
import {
  createNodeDataCache,
  type NodeDecorations,
  reconcileFlowEdges,
  reconcileFlowNodes,
  toFlowEdges,
} from './to-flow.ts';

const graph: JourneyGraph = {
  nodes: [
    { id: 't', type: 'trigger.event', config: { event: 'large_deposit' }, position: { x: 0, y: 0 } },
    { id: 'w', type: 'wait.duration', config: { amount: 2, unit: 'days' }, position: { x: 0, y: 120 } },
  ],
  edges: [{ id: 'e', source: 't', sourceHandle: 'out', target: 'w' }],
  settings: {},
};

const decorations = (locale: 'en' | 'zh-CN', problems = new Map<string, string[]>()): NodeDecorations => ({
  locale,
  problemsByNode: problems,
  problemsLabel: (count) => `${count}`,
});

describe('graph → canvas nodes', () => {
  it('draws each node with its registry label, summary and exits in the chosen language', () => {
    const data = createNodeDataCache();
    const [trigger, wait] = reconcileFlowNodes(
      [],
      graph,
      (node) => data(node, decorations('zh-CN')),
      new Set(),
      true,
    );
    expect(trigger?.data).toMatchObject({
      label: '事件触发',
      isTrigger: true,
      ports: [{ id: 'out', label: '下一步' }],
    });
    expect(wait?.data.summary).toBe('等待 2 天');
  });

  it('reuses every node object that did not change, so a big canvas does not redraw on each edit', () => {
    const data = createNodeDataCache();
    const first = reconcileFlowNodes([], graph, (node) => data(node, decorations('en')), new Set(), true);
    const moved: JourneyGraph = {
      ...graph,
      nodes: [
        graph.nodes[0] as JourneyGraph['nodes'][number],
        { ...(graph.nodes[1] as JourneyGraph['nodes'][number]), position: { x: 5, y: 130 } },
      ],
    };
    const second = reconcileFlowNodes(first, moved, (node) => data(node, decorations('en')), new Set(), true);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]?.position).toEqual({ x: 5, y: 130 });
    const same = reconcileFlowNodes(second, moved, (node) => data(node, decorations('en')), new Set(), true);
    expect(same).toBe(second);
  });

  it('redraws a node when its problems, selection or language change', () => {
    const data = createNodeDataCache();
    const first = reconcileFlowNodes([], graph, (node) => data(node, decorations('en')), new Set(), true);
    const problems = new Map([['w', ['Wait “w” is not connected.']]]);
    const withProblem = reconcileFlowNodes(
      first,
      graph,
      (node) => data(node, decorations('en', problems)),
      new Set(['t']),
      true,
    );
    expect(withProblem[1]?.data.problems).toEqual(['Wait “w” is not connected.']);
    expect((withProblem[0] as JourneyFlowNode).selected).toBe(true);
    const chinese = reconcileFlowNodes(
      withProblem,
      graph,
      (node) => data(node, decorations('zh-CN', problems)),
      new Set(['t']),
      true,
    );
    expect(chinese[0]?.data.label).toBe('事件触发');
  });

  it('marks problem edges and labels live counts', () => {
    const [edge] = toFlowEdges(graph, new Set(), new Set(['e']), new Map([['e', '1,234']]));
    expect(edge).toMatchObject({
      className: 'edge-invalid',
      label: '1,234',
      sourceHandle: 'out',
      targetHandle: 'in',
    });
  });

  it('keeps edge objects that did not change when the selection moves elsewhere', () => {
    const first = toFlowEdges(graph, new Set(), new Set());
    const again = reconcileFlowEdges(first, toFlowEdges(graph, new Set(), new Set()));
    expect(again).toBe(first);
    const selected = reconcileFlowEdges(first, toFlowEdges(graph, new Set(['e']), new Set()));
    expect(selected[0]).not.toBe(first[0]);
    expect(selected[0]?.selected).toBe(true);
  });
});
