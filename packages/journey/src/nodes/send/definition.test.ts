import { describe, expect, it } from 'vitest';
import { baseGraph, context, edge, node, nodeById } from '../../../test/support/fixtures.ts';
import { validate } from '../../index.ts';

const inline = (body: string) => ({ kind: 'inline', body });

describe('send: per-variant content', () => {
  it('accepts content for variants of a split upstream of the send', () => {
    const graph = baseGraph();
    const send = nodeById(graph, 'sa');
    send.config = {
      ...(send.config as object),
      variantContent: { A: inline('Offer A'), B: inline('Offer B') },
    };
    expect(validate(graph, context)).toEqual([]);
  });

  it('rejects content for a variant of a split that comes after the send', () => {
    const graph = baseGraph();
    graph.nodes.push(
      node('late-split', 'split.ab', {
        variants: [{ id: 'Late', label: 'Late', weight: 100 }],
        mode: 'fixed',
      }),
      node('x2', 'exit', { reason: '' }),
    );
    graph.edges.push(edge('f', 'no', 'late-split'), edge('late-split', 'Late', 'x2'));
    const send = nodeById(graph, 'sa');
    send.config = { ...(send.config as object), variantContent: { Late: inline('Too late') } };
    expect(validate(graph, context)).toMatchObject([
      { code: 'send.variant-unknown', nodeId: 'sa', params: { variant: 'Late' } },
    ]);
  });

  it('checks the templates of variant content like the main content', () => {
    const graph = baseGraph();
    const send = nodeById(graph, 'sa');
    send.config = {
      ...(send.config as object),
      variantContent: { B: { kind: 'template', templateId: 'tpl-wecom' } },
    };
    expect(validate(graph, context)).toMatchObject([
      { code: 'ref.template-channel-mismatch', nodeId: 'sa', path: ['variantContent', 'B', 'templateId'] },
    ]);
  });
});
