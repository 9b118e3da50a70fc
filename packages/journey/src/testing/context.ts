import type { Channel } from '../graph/fields.ts';
import type { JourneyGraph } from '../graph/schema.ts';
import type { ValidationContext } from '../node-types/context.ts';

/** The "now" of generated contexts: generated absolute dates lie after it. */
export const generatedNow = new Date('2026-06-01T00:00:00Z');

type SendLike = {
  channel: Channel;
  connectorId: string;
  content: Content;
  variantContent?: Record<string, Content>;
};
type Content = { kind: string; templateId?: string };

/**
 * A validation context in which every template, connector and segment the graph references
 * exists with the channel its send uses: the world a generated graph is valid in.
 */
export function contextFor(graph: JourneyGraph): ValidationContext {
  const templates: Record<string, { channel: Channel }> = {};
  const connectors: Record<string, { channel: Channel }> = {};
  const segments = new Set<string>();
  for (const node of graph.nodes) {
    if (node.type === 'trigger.segment') segments.add((node.config as { segmentId: string }).segmentId);
    if (node.type !== 'send') continue;
    const send = node.config as SendLike;
    connectors[send.connectorId] = { channel: send.channel };
    for (const content of [send.content, ...Object.values(send.variantContent ?? {})]) {
      if (content.kind === 'template' && content.templateId)
        templates[content.templateId] = { channel: send.channel };
    }
  }
  return { templates, connectors, segments, now: generatedNow };
}
