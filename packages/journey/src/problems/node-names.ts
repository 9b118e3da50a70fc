import type { JourneyNode } from '../graph/schema.ts';
import { type Locale, localize } from '../i18n/locale.ts';
import { summarizeNode } from '../palette.ts';
import { nodeDefinition } from '../registry.ts';

/** How messages name a node; `undefined` leaves the default, the node's label and id. */
export type NodeNames = (nodeId: string) => string | undefined;

/** A summary longer than this is cut: a name must fit in a sentence. */
const maxSummary = 40;

const quote = (text: string, locale: Locale) => (locale === 'zh-CN' ? `“${text}”` : ` “${text}”`);
const withId = (name: string, id: string, locale: Locale) =>
  locale === 'zh-CN' ? `${name}（${id}）` : `${name} (${id})`;

function shortSummary(node: Pick<JourneyNode, 'type' | 'config'>, locale: Locale): string {
  const summary = summarizeNode(node, locale);
  return summary.length > maxSummary ? `${summary.slice(0, maxSummary - 1)}…` : summary;
}

/**
 * The nodes of `graph` named as the canvas shows them, for problem messages: a step's label
 * ("Filter") when no other step has that label, else the label with the step's one-line summary
 * (Filter “balance > 50,000”), and with the id as well when even that repeats. Messages then
 * speak of what the planner sees rather than of ids. Universal: the browser and the server alike.
 */
export function nodeNamesFor(
  graph: { nodes: readonly Pick<JourneyNode, 'id' | 'type' | 'config'>[] },
  locale: Locale,
): NodeNames {
  const label = (node: Pick<JourneyNode, 'type'>) => {
    const definition = nodeDefinition(node.type);
    return definition ? localize(definition.label, locale) : node.type;
  };
  const count = (names: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
    return counts;
  };
  const labels = graph.nodes.map(label);
  const labelCounts = count(labels);
  const described = graph.nodes.map((node, index) => {
    const plain = labels[index] as string;
    return labelCounts.get(plain) === 1 ? plain : `${plain}${quote(shortSummary(node, locale), locale)}`;
  });
  const describedCounts = count(described);
  const names = new Map<string, string>();
  graph.nodes.forEach((node, index) => {
    const name = described[index] as string;
    if (!names.has(node.id))
      names.set(node.id, (describedCounts.get(name) ?? 0) > 1 ? withId(name, node.id, locale) : name);
  });
  return (nodeId) => names.get(nodeId);
}
