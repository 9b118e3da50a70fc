import { describe, expect, it } from 'vitest';
import { diffGraphs } from '../src/index.ts';
import { baseGraph, edge, node, nodeById } from './support/fixtures.ts';

describe('diffGraphs', () => {
  it('finds nothing between a graph and a copy with reordered keys and a recreated edge id', () => {
    const a = baseGraph();
    const b = baseGraph();
    b.nodes.reverse();
    b.edges[0] = { ...b.edges[0]!, id: 'recreated-by-the-canvas' };
    nodeById(b, 'w').config = { timeout: { unit: 'days', amount: 3 }, event: 'purchase' };
    expect(diffGraphs(a, b)).toMatchObject({ unchanged: true, settings: [] });
  });

  it('reports added and removed nodes and edges', () => {
    const a = baseGraph();
    const b = baseGraph();
    b.nodes.push(node('u', 'update', { setAttributes: {}, addTags: ['vip'], removeTags: [] }));
    b.edges.push(edge('f', 'no', 'u'), edge('u', 'out', 'x'));
    b.nodes = b.nodes.filter((candidate) => candidate.id !== 'sb');
    b.edges = b.edges.filter((candidate) => candidate.source !== 'sb' && candidate.target !== 'sb');
    const diff = diffGraphs(a, b);
    expect(diff.nodes.added.map((added) => added.id)).toEqual(['u']);
    expect(diff.nodes.removed.map((removed) => removed.id)).toEqual(['sb']);
    expect(diff.edges.added.map((added) => added.id).sort()).toEqual(['f.no', 'u.out']);
    expect(diff.edges.removed.map((removed) => removed.id).sort()).toEqual(['s.B', 'sb.sent']);
    expect(diff.unchanged).toBe(false);
  });

  it('names the config keys that changed, and a type change', () => {
    const a = baseGraph();
    const b = baseGraph();
    nodeById(b, 'sa').config = {
      ...(nodeById(b, 'sa').config as object),
      messageName: '理财到期提醒',
      connectorId: 'conn-2',
    };
    Object.assign(nodeById(b, 'x'), { type: 'wait.duration', config: { amount: 1, unit: 'days' } });
    expect(diffGraphs(a, b).nodes.changed).toEqual([
      { id: 'sa', configKeys: ['connectorId', 'messageName'] },
      { id: 'x', type: { from: 'exit', to: 'wait.duration' }, configKeys: ['amount', 'reason', 'unit'] },
    ]);
  });

  it('lists moves apart from changes: moving nodes alone changes nothing for customers', () => {
    const a = baseGraph();
    const b = baseGraph();
    nodeById(b, 'f').position = { x: 400, y: 120 };
    const diff = diffGraphs(a, b);
    expect(diff.nodes.moved).toEqual(['f']);
    expect(diff.nodes.changed).toEqual([]);
    expect(diff.unchanged).toBe(true);
  });

  it('compares settings after defaults, so spelling out a default is no change', () => {
    const a = baseGraph();
    const b = baseGraph();
    b.settings = { ...b.settings, timeZone: 'Asia/Shanghai', reEntry: { policy: 'once' } };
    expect(diffGraphs(a, b).settings).toEqual([]);
    b.settings = { ...b.settings, quietHours: { start: '21:00', end: '08:00' }, exitOnGoal: true };
    expect(diffGraphs(a, b).settings).toEqual(['exitOnGoal', 'quietHours']);
  });

  it('tolerates malformed versions', () => {
    const diff = diffGraphs(null, { nodes: 'x' } as never);
    expect(diff.unchanged).toBe(true);
    expect(diffGraphs(undefined, baseGraph()).nodes.added).toHaveLength(7);
  });
});
