import { describe, expect, it } from 'vitest';
import { type JourneyNode, validate } from '../src/index.ts';
import { baseGraph, context, edge, node } from './support/fixtures.ts';

/** The base graph with a loop f.no → step → f (the step's first port leads back to the filter). */
function loopThrough(step: JourneyNode, port: string) {
  const graph = baseGraph();
  graph.nodes.push(step);
  graph.edges.push(edge('f', 'no', step.id), edge(step.id, port, 'f'));
  return validate(graph, context);
}

describe('loops', () => {
  it('are fine through a wait', () => {
    expect(loopThrough(node('pause', 'wait.duration', { amount: 1, unit: 'days' }), 'out')).toEqual([]);
  });

  it('are fine through "next time of day", which always lies ahead', () => {
    expect(loopThrough(node('pause', 'wait.until', { kind: 'timeOfDay', time: '09:00' }), 'out')).toEqual([]);
  });

  it('are fine through an RM task, which waits for the manager', () => {
    const task = node('call', 'rm.task', { kind: 'call', slaHours: 24, script: '' });
    expect(loopThrough(task, 'converted')).toEqual([]);
  });

  it('are refused through a fixed date, which stops pausing once it has passed', () => {
    const problems = loopThrough(
      node('pause', 'wait.until', { kind: 'date', at: '2030-01-01T00:00:00Z' }),
      'out',
    );
    expect(problems.map((problem) => problem.code)).toEqual(['graph.cycle-without-wait']);
  });

  it('are refused through instant steps only, naming the path', () => {
    const graph = baseGraph();
    graph.nodes.push(
      node('tag', 'update', { setAttributes: {}, addTags: ['seen'], removeTags: [] }),
      node('again', 'filter', { condition: { type: 'tag', op: 'has', tag: 'vip' } }),
    );
    graph.edges.push(edge('f', 'no', 'tag'), edge('tag', 'out', 'again'), edge('again', 'yes', 'f'));
    const problems = validate(graph, context);
    expect(problems).toMatchObject([
      { code: 'graph.cycle-without-wait', nodeId: 'f', params: { nodes: ['f', 'tag', 'again', 'f'] } },
    ]);
    expect(problems[0]!.message).toMatch(/^The path f → tag → again → f loops back/);
  });

  it('are checked without recursion limits on a very long chain', () => {
    const graph = baseGraph();
    let previous = 'f';
    let port = 'no';
    for (let index = 0; index < 450; index++) {
      graph.nodes.push(node(`u${index}`, 'update', { setAttributes: {}, addTags: ['t'], removeTags: [] }));
      graph.edges.push(edge(previous, port, `u${index}`));
      previous = `u${index}`;
      port = 'out';
    }
    graph.edges.push(edge(previous, 'out', 'f'));
    expect(validate(graph, context).map((problem) => problem.code)).toEqual(['graph.cycle-without-wait']);
  });
});
