import {
  starterConnectorChannels,
  starterConnectorRef,
  starterSegments,
  starterTemplates,
} from '@waymark/journey';

interface Named {
  id: string;
  name: string;
}

/**
 * Real ids for a starter's placeholders, found by what the bank already has: the template with
 * the starter template's name (in either language) on the same channel, the first enabled
 * connector of each channel, the segment with the starter segment's name. A placeholder with no
 * match stays unbound, and validation then asks the planner to pick one.
 */
export function starterBindings(available: {
  templates: readonly (Named & { channel: string })[];
  connectors: readonly (Named & { channel: string; enabled?: boolean })[];
  segments: readonly Named[];
}): Record<string, string> {
  const bindings: Record<string, string> = {};
  for (const template of starterTemplates) {
    const names = Object.values(template.name);
    const match = available.templates.find((t) => t.channel === template.channel && names.includes(t.name));
    if (match) bindings[template.ref] = match.id;
  }
  for (const channel of starterConnectorChannels) {
    const match = available.connectors.find((c) => c.channel === channel && c.enabled !== false);
    if (match) bindings[starterConnectorRef(channel)] = match.id;
  }
  for (const segment of starterSegments) {
    const names = Object.values(segment.name);
    const match = available.segments.find((s) => names.includes(s.name));
    if (match) bindings[segment.ref] = match.id;
  }
  return bindings;
}
