import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../graph-types.ts';
import { copySelection, parsePaste } from './clipboard.ts';

const graph: JourneyGraph = {
  nodes: [
    { id: 'a', type: 'trigger.event', config: { event: 'large_deposit' }, position: { x: 0, y: 0 } },
    {
      id: 'b',
      type: 'filter',
      config: { condition: { type: 'all', conditions: [] } },
      position: { x: 0, y: 100 },
    },
    { id: 'c', type: 'exit', config: {}, position: { x: 0, y: 200 } },
  ],
  edges: [
    { id: 'e1', source: 'a', sourceHandle: 'out', target: 'b' },
    { id: 'e2', source: 'b', sourceHandle: 'yes', target: 'c' },
  ],
  settings: {},
};
const known = (type: string) => ['trigger.event', 'filter', 'exit'].includes(type);

describe('copy and paste', () => {
  it('round-trips the selection with fresh ids, shifted positions and inner edges only', () => {
    const text = copySelection(graph, new Set(['b', 'c']));
    const result = parsePaste(text, { isKnownType: known, offset: { x: 10, y: 20 } });
    if (!result.ok) throw new Error(result.reason);
    expect(result.nodes.map((n) => n.type)).toEqual(['filter', 'exit']);
    expect(result.nodes.map((n) => n.id)).not.toContain('b');
    expect(result.nodes[0]?.position).toEqual({ x: 10, y: 120 });
    // a→b was cut at the selection border; b→c is kept and re-pointed at the new ids.
    expect(result.edges).toHaveLength(1);
    expect(result.edges[0]?.source).toBe(result.nodes[0]?.id);
    expect(result.edges[0]?.target).toBe(result.nodes[1]?.id);
    expect(result.edges[0]?.sourceHandle).toBe('yes');
  });

  it('copies configs deeply, so editing the paste leaves the original alone', () => {
    const result = parsePaste(copySelection(graph, new Set(['b'])), { isKnownType: known });
    if (!result.ok) throw new Error(result.reason);
    expect(result.nodes[0]?.config).toEqual(graph.nodes[1]?.config);
  });

  it.each([
    ['', 'empty'],
    ['{not json', 'not-json'],
    ['[1,2,3]', 'not-journey'],
    ['{"hello":"world"}', 'not-journey'],
    ['{"kind":"other-app","nodes":[]}', 'not-journey'],
    ['{"nodes":[{"id":"x"}]}', 'not-journey'],
    ['{"nodes":[{"id":"x","type":"rocket","position":{"x":0,"y":0}}]}', 'unknown-type'],
    ['{"nodes":[]}', 'nothing-to-paste'],
  ])('refuses %j with reason %s', (text, reason) => {
    const result = parsePaste(text, { isKnownType: known });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe(reason);
  });

  it('refuses positions that are not finite numbers', () => {
    const text = '{"nodes":[{"id":"x","type":"exit","position":{"x":"1","y":0}}]}';
    expect(parsePaste(text, { isKnownType: known }).ok).toBe(false);
  });

  it('accepts a bare exported graph and drops edges that point outside it', () => {
    const text = JSON.stringify({
      nodes: [graph.nodes[0]],
      edges: [{ id: 'z', source: 'a', target: 'nowhere', sourceHandle: 'out' }],
    });
    const result = parsePaste(text, { isKnownType: known });
    expect(result.ok && result.nodes.length === 1 && result.edges.length === 0).toBe(true);
  });
});
