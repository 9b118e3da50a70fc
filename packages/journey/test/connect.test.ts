import { describe, expect, it } from 'vitest';
import { canConnect, formatProblem, outputPorts } from '../src/index.ts';
import { baseGraph, node } from './support/fixtures.ts';

describe('outputPorts', () => {
  it('gives a split one port per variant, plus control when it has a control group', () => {
    const split = node('s', 'split.ab', {
      variants: [
        { id: 'A', label: 'Rate offer', weight: 45 },
        { id: 'B', label: 'Gift offer', weight: 45 },
      ],
      control: { weight: 10 },
      mode: 'auto-winner',
    });
    expect(outputPorts(split).map((port) => [port.id, port.required])).toEqual([
      ['A', true],
      ['B', true],
      ['control', false],
    ]);
  });

  it('gives fixed ports for fixed types and none for an exit', () => {
    expect(outputPorts(node('w', 'wait.event', {})).map((port) => port.id)).toEqual(['matched', 'timeout']);
    expect(outputPorts(node('r', 'rm.task', {})).map((port) => port.id)).toEqual([
      'converted',
      'not-interested',
      'expired',
    ]);
    expect(outputPorts(node('x', 'exit', { reason: '' }))).toEqual([]);
  });

  it('knows no ports for an unknown type or a split whose variants are not valid yet', () => {
    expect(outputPorts(node('?', 'teleport', {}))).toEqual([]);
    expect(outputPorts(node('s', 'split.ab', { variants: 'A,B' }))).toEqual([]);
  });
});

describe('canConnect', () => {
  const graph = baseGraph();

  it('allows an edge from a free port to a step', () => {
    expect(canConnect(graph, 'f', 'no', 'x')).toEqual({ ok: true });
  });

  it.each([
    ['a port that already has an edge', 'f', 'yes', 'x', 'edge.port-taken'],
    ['an edge into a trigger', 'f', 'no', 't', 'edge.into-trigger'],
    ['an edge onto the node itself', 'f', 'no', 'f', 'edge.self-loop'],
    ['a port the node does not have', 'f', 'maybe', 'x', 'edge.unknown-port'],
    ['an exit, which has no ports', 'x', 'out', 'f', 'edge.unknown-port'],
    ['a missing source', 'ghost', 'out', 'x', 'edge.missing-source'],
    ['a missing target', 'f', 'no', 'ghost', 'edge.missing-target'],
  ])('refuses %s', (_, source, port, target, code) => {
    const verdict = canConnect(graph, source, port, target);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.problem.code).toBe(code);
      expect(formatProblem(verdict.problem, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('never throws on a malformed graph', () => {
    expect(canConnect({ nodes: null, edges: 'x' } as never, 'a', 'out', 'b').ok).toBe(false);
  });

  it('agrees with the canvas wiring rules of validate for each refusal', () => {
    // The same rule as validate: a second edge from the filter's "yes" is what validate reports too.
    expect(canConnect(graph, 'f', 'yes', 'x')).toMatchObject({ ok: false, problem: { nodeId: 'f' } });
  });
});
