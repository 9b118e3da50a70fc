import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../graph-types.ts';
import { ancestorsOf, upstreamEvent } from './form-kit.tsx';

const graph: JourneyGraph = {
  nodes: [
    { id: 't', type: 'trigger.event', config: { event: 'large_deposit' }, position: { x: 0, y: 0 } },
    { id: 's', type: 'split.ab', config: {}, position: { x: 0, y: 0 } },
    { id: 'm', type: 'send', config: {}, position: { x: 0, y: 0 } },
    { id: 'x', type: 'exit', config: {}, position: { x: 0, y: 0 } },
  ],
  edges: [
    { id: '1', source: 't', sourceHandle: 'out', target: 's' },
    { id: '2', source: 's', sourceHandle: 'A', target: 'm' },
    { id: '3', source: 's', sourceHandle: 'B', target: 'm' },
    { id: '4', source: 'm', sourceHandle: 'sent', target: 'x' },
    { id: '5', source: 'x', sourceHandle: 'out', target: 's' },
  ],
  settings: {},
};

describe('upstream lookups for the inspector', () => {
  it('finds every node before a step, through loops, without the step itself', () => {
    expect(
      ancestorsOf(graph, 'm')
        .map((n) => n.id)
        .sort(),
    ).toEqual(['s', 't', 'x']);
  });

  it("finds the trigger's event for suggesting event properties", () => {
    expect(upstreamEvent(graph, 'm')).toBe('large_deposit');
    expect(upstreamEvent(graph, 't')).toBeUndefined();
  });
});
