import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../graph-types.ts';
import { autoLayout, nodeHeight, nodeWidth } from './layout.ts';

describe('auto-layout', () => {
  const graph: JourneyGraph = {
    nodes: ['t', 'f', 'a', 'b'].map((id) => ({ id, type: 'x', config: {}, position: { x: 0, y: 0 } })),
    edges: [
      { id: '1', source: 't', sourceHandle: 'out', target: 'f' },
      { id: '2', source: 'f', sourceHandle: 'yes', target: 'a' },
      { id: '3', source: 'f', sourceHandle: 'no', target: 'b' },
    ],
    settings: {},
  };

  it('puts each step below the one before it and branches side by side without overlap', () => {
    const order = (_: string, port: string) => (port === 'yes' ? 0 : 1);
    const p = autoLayout(graph, order);
    const at = (id: string) => p.get(id) as { x: number; y: number };
    expect(at('f').y).toBeGreaterThan(at('t').y + nodeHeight);
    expect(at('a').y).toBeGreaterThan(at('f').y + nodeHeight);
    expect(at('a').y).toBe(at('b').y);
    expect(Math.abs(at('a').x - at('b').x)).toBeGreaterThanOrEqual(nodeWidth);
    expect(at('a').x).toBeLessThan(at('b').x);
  });

  it('keeps three or more exits in their order', () => {
    const split: JourneyGraph = {
      nodes: ['s', 'x', 'y', 'z'].map((id) => ({ id, type: 'x', config: {}, position: { x: 0, y: 0 } })),
      edges: [
        { id: '1', source: 's', sourceHandle: 'B', target: 'y' },
        { id: '2', source: 's', sourceHandle: 'C', target: 'z' },
        { id: '3', source: 's', sourceHandle: 'A', target: 'x' },
      ],
      settings: {},
    };
    const p = autoLayout(split, (_, port) => port.charCodeAt(0));
    const xs = ['x', 'y', 'z'].map((id) => p.get(id)?.x ?? 0);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('places every node, connected or not', () => {
    const withLoose = {
      ...graph,
      nodes: [...graph.nodes, { id: 'z', type: 'x', config: {}, position: { x: 0, y: 0 } }],
    };
    expect(autoLayout(withLoose).size).toBe(5);
  });
});
