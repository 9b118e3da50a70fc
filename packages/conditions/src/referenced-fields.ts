import type { Condition, EventCondition } from './schema.ts';

/** What a condition reads, so callers load only that (and can check names against a catalog). */
export interface ReferencedFields {
  /** Customer attribute names. */
  attributes: string[];
  tags: string[];
  /** Properties of the triggering event read by top-level `property` leaves. */
  triggerProperties: string[];
  /** Events counted, each with the longest window it is counted over. */
  events: { event: string; withinDays: number }[];
}

/** Lists the attributes, tags, trigger-event properties and event windows `condition` reads. */
export function referencedFields(condition: Condition): ReferencedFields {
  const attributes = new Set<string>();
  const tags = new Set<string>();
  const triggerProperties = new Set<string>();
  const events = new Map<string, number>();
  const visit = (node: Condition | EventCondition): void => {
    switch (node.type) {
      case 'all':
      case 'any':
        for (const child of node.conditions) visit(child);
        return;
      case 'not':
        visit(node.condition);
        return;
      case 'attribute':
        attributes.add(node.field);
        return;
      case 'property':
        triggerProperties.add(node.field);
        return;
      case 'tag':
        tags.add(node.tag);
        return;
      case 'eventCount':
        events.set(node.event, Math.max(events.get(node.event) ?? 0, node.withinDays));
        return;
    }
  };
  visit(condition);
  return {
    attributes: [...attributes],
    tags: [...tags],
    triggerProperties: [...triggerProperties],
    events: [...events].map(([event, withinDays]) => ({ event, withinDays })),
  };
}
