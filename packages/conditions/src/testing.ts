import fc from 'fast-check';
import { type Condition, countOps, opsByValueType, type ValueType, valueTypes } from './schema.ts';
import { conditionTree } from './testing-tree.ts';
import {
  dateValue,
  daysValue,
  type FieldSpec,
  numberValue,
  specType,
  stringValue,
} from './testing-values.ts';

export { type AnyConditionOptions, anyIsoDate, arbitraryAnyCondition } from './testing-any.ts';
export type { FieldSpec } from './testing-values.ts';

/** The fields generated conditions may use. */
export interface FieldCatalog {
  /** Customer attributes by name. */
  attributes: Record<string, FieldSpec>;
  tags?: readonly string[];
  /** Event names with the properties their events carry (for `eventCount`). */
  events?: Record<string, Record<string, FieldSpec>>;
  /** Properties of the triggering event; top-level `property` leaves appear only when given. */
  triggerEvent?: Record<string, FieldSpec>;
}

/** Shape of the generated trees. */
export interface ArbitraryConditionOptions {
  /** The instant dates are generated around. Default: 2026-11-23T06:00:00Z. */
  now?: Date;
  /** Deepest nesting of groups. Default 3. */
  maxDepth?: number;
}

type LeafSource = 'attribute' | 'property';

/**
 * Schema-valid conditions over `catalog`. Values come mostly from the fields' examples, so a good
 * share of conditions match some customers but not all; a few leaves read a field under another
 * value type or a field nobody has, to exercise the "missing or mistyped is false" rule.
 */
export function arbitraryCondition(
  catalog: FieldCatalog,
  options: ArbitraryConditionOptions = {},
): fc.Arbitrary<Condition> {
  const now = options.now ?? new Date('2026-11-23T06:00:00Z');
  const leaves: fc.Arbitrary<Condition>[] = [valueLeaf('attribute', catalog.attributes, now)];
  if (catalog.tags && catalog.tags.length > 0) leaves.push(tagLeaf(catalog.tags));
  if (catalog.events && Object.keys(catalog.events).length > 0)
    leaves.push(eventCountLeaf(catalog.events, now));
  if (catalog.triggerEvent && Object.keys(catalog.triggerEvent).length > 0) {
    leaves.push(valueLeaf('property', catalog.triggerEvent, now));
  }
  return conditionTree(fc.oneof(...leaves), { maxDepth: options.maxDepth ?? 3, minChildren: 1 });
}

function valueLeaf<S extends LeafSource>(
  source: S,
  fields: Record<string, FieldSpec>,
  now: Date,
): fc.Arbitrary<Extract<Condition, { type: S }>> {
  const known = Object.entries(fields);
  const usual = fc.constantFrom(...known);
  // A field nobody has, or a real field read as another type.
  const odd = fc.tuple(
    fc.constantFrom(...known.map(([f]) => f), 'unknown_field'),
    fc.constantFrom(...valueTypes),
  );
  const choice =
    known.length === 0
      ? odd.map(([f, t]) => [f, t] as [string, FieldSpec])
      : fc.oneof(
          { arbitrary: usual, weight: 12 },
          { arbitrary: odd.map(([f, t]) => [f, t] as [string, FieldSpec]), weight: 1 },
        );
  return choice.chain(([field, spec]) => {
    const valueType = specType(spec);
    return operator(valueType).chain((op) =>
      valueFor(valueType, op, spec, now).map((value) => leafOf(source, field, valueType, op, value)),
    );
  }) as fc.Arbitrary<Extract<Condition, { type: S }>>;
}

// exists / notExists split a population only where values are missing or mistyped: keep them rarer.
function operator(valueType: ValueType): fc.Arbitrary<string> {
  const ops: readonly string[] = opsByValueType[valueType];
  return fc.oneof(
    ...ops.map((op) => ({
      arbitrary: fc.constant(op),
      weight: op === 'exists' || op === 'notExists' ? 1 : 4,
    })),
  );
}

function leafOf(source: LeafSource, field: string, valueType: ValueType, op: string, value: unknown) {
  return { type: source, field, valueType, op, ...(value === undefined ? {} : { value }) };
}

function valueFor(valueType: ValueType, op: string, spec: FieldSpec, now: Date): fc.Arbitrary<unknown> {
  if (op === 'exists' || op === 'notExists') return fc.constant(undefined);
  switch (valueType) {
    case 'number':
      if (op === 'between')
        return fc.tuple(numberValue(spec), numberValue(spec)).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
      if (op === 'in' || op === 'notIn') return fc.array(numberValue(spec), { minLength: 1, maxLength: 5 });
      return numberValue(spec);
    case 'string':
      if (op === 'in' || op === 'notIn')
        return fc.array(stringValue(spec, op), { minLength: 1, maxLength: 5 });
      return stringValue(spec, op);
    case 'boolean':
      return fc.boolean();
    case 'date':
      if (op === 'withinLastDays' || op === 'olderThanDays')
        return daysValue(spec, now, op === 'withinLastDays' ? 1 : 0);
      return dateValue(spec, now);
  }
}

function tagLeaf(tags: readonly string[]): fc.Arbitrary<Condition> {
  return fc.record({
    type: fc.constant('tag' as const),
    op: fc.constantFrom('has' as const, 'notHas' as const),
    tag: fc.oneof({ arbitrary: fc.constantFrom(...tags), weight: 19 }, fc.constant('unknown-tag')),
  });
}

function eventCountLeaf(
  events: Record<string, Record<string, FieldSpec>>,
  now: Date,
): fc.Arbitrary<Condition> {
  return fc.constantFrom(...Object.keys(events)).chain((event) => {
    const properties = events[event] ?? {};
    const where =
      Object.keys(properties).length === 0
        ? fc.constant(undefined)
        : fc.option(conditionTree(valueLeaf('property', properties, now), { maxDepth: 2, minChildren: 1 }), {
            nil: undefined,
            freq: 2,
          });
    return fc
      .record({
        type: fc.constant('eventCount' as const),
        event: fc.oneof({ arbitrary: fc.constant(event), weight: 19 }, fc.constant('unknown_event')),
        withinDays: fc.constantFrom(1, 7, 30, 60, 90, 365),
        // "fewer than 0" can never hold: compare below with at least 1.
        comparison: fc
          .constantFrom(...countOps)
          .chain((op) =>
            fc.tuple(
              fc.constant(op),
              op === 'lt' || op === 'lte' ? fc.integer({ min: 1, max: 3 }) : fc.nat(3),
            ),
          ),
        where,
      })
      .map(({ where: filter, comparison: [op, count], ...rest }) => ({
        ...rest,
        op,
        count,
        ...(filter === undefined ? {} : { where: filter }),
      }));
  });
}
