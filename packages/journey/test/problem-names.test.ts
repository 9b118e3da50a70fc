import { describe, expect, it } from 'vitest';
import { formatProblem, nodeNamesFor, validate } from '../src/index.ts';
import { baseGraph, context, edge, node, nodeById } from './support/fixtures.ts';

describe('problem messages name steps as the canvas shows them', () => {
  it('by label when it is the only step with that label, with the summary when the label repeats', () => {
    const graph = baseGraph();
    const en = nodeNamesFor(graph, 'en');
    expect(en('f')).toBe('Filter');
    expect(en('sa')).toBe('Send message “SMS · template”');
    expect(en('sb')).toBe('Send message “WeCom · template”');
    const zh = nodeNamesFor(graph, 'zh-CN');
    expect(zh('f')).toBe('条件筛选');
    expect(zh('sa')).toBe('发送消息“短信 · 模板”');
    expect(en('no-such-step')).toBeUndefined();
  });

  it('adds the step id only when label and summary are the same too', () => {
    const graph = baseGraph();
    graph.nodes.push(node('n7', 'send', { channel: 'sms' }), node('n8', 'send', { channel: 'sms' }));
    expect(nodeNamesFor(graph, 'en')('n7')).toBe('Send message “Not set up yet” (n7)');
    expect(nodeNamesFor(graph, 'zh-CN')('n8')).toBe('发送消息“尚未设置”（n8）');
  });

  it('keeps the problems the same and only changes how they read', () => {
    const graph = baseGraph();
    graph.edges = graph.edges.filter((candidate) => candidate.source !== 'sa');
    const problems = validate(graph, context);
    expect(problems.map((problem) => [problem.code, problem.nodeId])).toEqual([['port.unwired', 'sa']]);
    const [problem] = problems;
    if (!problem) throw new Error('expected a problem');
    // The API's message keeps the id: it is what a program calling it can act on.
    expect(problem.message).toBe(
      'The “Sent” exit of Send message “sa” is not connected: connect it to the next step.',
    );
    expect(formatProblem(problem, 'en', nodeNamesFor(graph, 'en'))).toBe(
      'The “Sent” exit of Send message “SMS · template” is not connected: connect it to the next step.',
    );
    expect(formatProblem(problem, 'zh-CN', nodeNamesFor(graph, 'zh-CN'))).toBe(
      '发送消息“短信 · 模板”的“已发送”出口尚未连接：请连接到下一步。',
    );
  });

  it('names every step of a loop', () => {
    const graph = baseGraph();
    graph.nodes.push(node('tag', 'update', { setAttributes: {}, addTags: ['seen'], removeTags: [] }));
    graph.edges.push(edge('f', 'no', 'tag'), edge('tag', 'out', 'f'));
    const [loop] = validate(graph, context).filter((problem) => problem.code === 'graph.cycle-without-wait');
    if (!loop) throw new Error('expected the loop');
    const text = formatProblem(loop, 'en', nodeNamesFor(graph, 'en'));
    expect(text).toContain('Filter → Update profile');
    expect(text).not.toMatch(/\btag\b.*→|→ f\b/);
  });
});

describe('an empty event name', () => {
  it('is one problem, not also "not an event name"', () => {
    const graph = baseGraph();
    nodeById(graph, 't').config = { event: '' };
    const problems = validate(graph, context).filter((problem) => problem.nodeId === 't');
    expect(problems.map((problem) => problem.message)).toEqual([
      'In Event trigger “t”, event must not be empty.',
    ]);
  });

  it('in the goal is one problem too', () => {
    const graph = baseGraph();
    graph.settings = { goal: { event: '', windowDays: 7 } };
    const problems = validate(graph, context).filter((problem) => problem.path?.[0] === 'settings');
    expect(problems).toHaveLength(1);
  });

  it('still explains a name that is not empty but malformed', () => {
    const graph = baseGraph();
    nodeById(graph, 't').config = { event: 'big deposit!' };
    const problems = validate(graph, context).filter((problem) => problem.nodeId === 't');
    expect(problems.map((problem) => problem.params.reason)).toEqual(['format.event-name']);
  });
});
