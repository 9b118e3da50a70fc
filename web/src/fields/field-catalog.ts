import type { Locale } from '../i18n/index.ts';
import { builtInAttributes, builtInEventProperties, builtInTags } from './built-in-fields.ts';

/** The value types the condition language knows. */
export type FieldType = 'number' | 'string' | 'boolean' | 'date';

/** A field a planner can pick in the condition builder. */
export interface FieldSpec {
  name: string;
  valueType: FieldType;
  label: Record<Locale, string>;
  /** Values to offer in a dropdown, when the field takes one of a few. */
  options?: readonly string[];
}

/** A key found in the stored data (GET /catalog/fields). */
export interface DiscoveredField {
  name: string;
  valueType: FieldType;
  seen: number;
  options?: string[];
}

/** What the server found in a sample of the stored customers and events. */
export interface DiscoveredFields {
  attributes: DiscoveredField[];
  tags: { name: string; seen: number }[];
  events: { name: string; seen: number; properties: DiscoveredField[] }[];
  sampled: { customers: number; events: number };
}

/** The attributes, tags and events the builders offer; planners can still type any other name. */
export interface FieldCatalog {
  attributes: readonly FieldSpec[];
  tags: readonly string[];
  events: readonly string[];
  /** The properties of `event`, or none when the event is unknown. */
  eventProperties(event: string | undefined): readonly FieldSpec[];
  /** The spec of an attribute, if the catalog knows it. */
  attribute(name: string): FieldSpec | undefined;
  /** The label of an attribute in `locale`, or its raw name when the catalog does not know it. */
  attributeLabel(name: string, locale: Locale): string;
}

/**
 * A discovered key as a field: the data decides its type (a built-in "boolean" stored as text
 * would never match), the built-in spec lends its labels and its list of values.
 */
function toSpec(found: DiscoveredField, known: FieldSpec | undefined): FieldSpec {
  const options = known?.options ?? found.options;
  return {
    name: found.name,
    valueType: found.valueType,
    label: known?.label ?? { en: found.name, 'zh-CN': found.name },
    ...(options && found.valueType === 'string' && { options }),
  };
}

/** Known fields first, in their familiar order, then the others, most common first. */
function mergeFields(found: readonly DiscoveredField[], known: readonly FieldSpec[]): FieldSpec[] {
  const knownByName = new Map(known.map((spec) => [spec.name, spec]));
  const foundByName = new Map(found.map((field) => [field.name, field]));
  const first = known.flatMap((spec) => {
    const field = foundByName.get(spec.name);
    return field ? [toSpec(field, spec)] : [];
  });
  const rest = found.filter((field) => !knownByName.has(field.name)).map((field) => toSpec(field, undefined));
  return [...first, ...rest];
}

/**
 * The catalog the builders use. With what the server discovered, it offers what the data holds
 * (with the built-in labels of the bank's known attributes and events); a kind of data with
 * nothing stored yet (no customers, no events) falls back to the built-in bank catalog, and so does
 * the whole catalog while the discovery is loading or failed.
 */
export function buildFieldCatalog(discovered?: DiscoveredFields): FieldCatalog {
  const haveCustomers = discovered !== undefined && discovered.sampled.customers > 0;
  const haveEvents = discovered !== undefined && discovered.sampled.events > 0;
  const attributes = haveCustomers
    ? mergeFields(discovered.attributes, builtInAttributes)
    : builtInAttributes;
  const tags = haveCustomers ? discovered.tags.map((tag) => tag.name) : builtInTags;
  const properties = new Map<string, readonly FieldSpec[]>(Object.entries(builtInEventProperties));
  if (haveEvents) {
    for (const event of discovered.events)
      properties.set(event.name, mergeFields(event.properties, builtInEventProperties[event.name] ?? []));
  }
  const events = haveEvents
    ? discovered.events.map((event) => event.name)
    : Object.keys(builtInEventProperties);
  const byName = new Map(attributes.map((spec) => [spec.name, spec]));
  return {
    attributes,
    tags,
    events,
    eventProperties: (event) => (event ? (properties.get(event) ?? []) : []),
    attribute: (name) => byName.get(name),
    attributeLabel: (name, locale) => byName.get(name)?.label[locale] ?? name,
  };
}

/** The built-in bank catalog: what the builders offer before (or without) discovery. */
export const builtInCatalog: FieldCatalog = buildFieldCatalog();
