import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../graph-types.ts';
import { connect, dropEdgesFromMissingPorts, moveNodes, removeElements } from './graph-ops.ts';

const graph: JourneyGraph = {
  nodes: [
    { id: 'a', type: 'trigger.event', config: {}, position: { x: 0, y: 0 } },
    { id: 'b', type: 'split.ab', config: {}, position: { x: 0, y: 100 } },
    { id: 'c', type: 'exit', config: {}, position: { x: 0, y: 200 } },
    { id: 'd', type: 'exit', config: {}, position: { x: 100, y: 200 } },
  ],
  edges: [
    { id: 'e1', source: 'a', sourceHandle: 'out', target: 'b' },
    { id: 'e2', source: 'b', sourceHandle: 'A', target: 'c' },
    { id: 'e3', source: 'b', sourceHandle: 'B', target: 'd' },
  ],
  settings: {},
};

describe('graph edits', () => {
  it('deleting a node removes every connection touching it and says how many', () => {
    const result = removeElements(graph, new Set(['b']));
    expect(result.graph.nodes.map((n) => n.id)).toEqual(['a', 'c', 'd']);
    expect(result.graph.edges).toEqual([]);
    expect(result).toMatchObject({ removedNodes: 1, removedEdges: 3 });
  });

  it('deletes a single connection and leaves the nodes', () => {
    const result = removeElements(graph, new Set(), new Set(['e2']));
    expect(result.graph.nodes).toHaveLength(4);
    expect(result.graph.edges.map((e) => e.id)).toEqual(['e1', 'e3']);
  });

  it('connects two nodes through a named exit', () => {
    const next = connect(graph, 'c', 'out', 'd');
    expect(next.edges.at(-1)).toMatchObject({ source: 'c', sourceHandle: 'out', target: 'd' });
    expect(graph.edges).toHaveLength(3);
  });

  it('moving to the same rounded position returns the same graph (no undo step)', () => {
    expect(moveNodes(graph, new Map([['a', { x: 0.2, y: -0.3 }]]))).toBe(graph);
    expect(moveNodes(graph, new Map([['a', { x: 10.6, y: 0 }]])).nodes[0]?.position).toEqual({ x: 11, y: 0 });
  });

  it('drops connections from exits a node no longer has', () => {
    const next = dropEdgesFromMissingPorts(graph, 'b', new Set(['A']));
    expect(next.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
  });
});
