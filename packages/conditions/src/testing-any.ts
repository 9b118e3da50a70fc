import fc from 'fast-check';
import {
  type Condition,
  countOps,
  type EventCondition,
  opsByValueType,
  type ValueType,
  valueTypes,
} from './schema.ts';
import { conditionTree } from './testing-tree.ts';

/** Names to draw from besides random ones, so generated leaves sometimes hit real data. */
export interface AnyConditionOptions {
  fields?: readonly string[];
  tags?: readonly string[];
  events?: readonly string[];
  /** Whether top-level `property` leaves (the triggering event) may appear. Default true. */
  triggerEvent?: boolean;
  maxDepth?: number;
}

const fieldName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/);
const text = (min: number, max: number) =>
  fc
    .string({ unit: 'binary', minLength: min, maxLength: max })
    .filter((s) => !s.includes('\u0000') && s.length <= max);
const anyNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(0, -0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER),
);

/** Any date string the schema accepts: every spelling, year 0001–9999, any offset. */
export const anyIsoDate: fc.Arbitrary<string> = fc
  .record({
    date: fc.date({
      min: new Date('0001-01-02T00:00:00Z'),
      max: new Date('9999-12-30T00:00:00Z'),
      noInvalidDate: true,
    }),
    style: fc.nat(4),
    fraction: fc.stringMatching(/^[0-9]{1,9}$/),
    sign: fc.constantFrom('+', '-'),
    hours: fc.integer({ min: 0, max: 23 }),
    minutes: fc.integer({ min: 0, max: 59 }),
    colon: fc.boolean(),
  })
  .map(({ date, style, fraction, sign, hours, minutes, colon }) => {
    const iso = date.toISOString();
    const offset = `${sign}${String(hours).padStart(2, '0')}${colon ? ':' : ''}${String(minutes).padStart(2, '0')}`;
    return (
      [
        iso.slice(0, 10),
        iso.slice(0, 16),
        `${iso.slice(0, 19)}.${fraction}Z`,
        `${iso.slice(0, 19)}${offset}`,
        `${iso.slice(0, 16)}${offset}`,
      ][style] ?? iso
    );
  });

/**
 * Any condition the schema accepts, over random and given names, with extreme numbers, any
 * Unicode text and every date spelling: for "never throws" and agreement tests on odd input.
 */
export function arbitraryAnyCondition(options: AnyConditionOptions = {}): fc.Arbitrary<Condition> {
  const pick = (names: readonly string[] | undefined, random: fc.Arbitrary<string>) =>
    names && names.length > 0 ? fc.oneof(fc.constantFrom(...names), random) : random;
  const field = pick(options.fields, fieldName);
  const property = (type: 'attribute' | 'property') =>
    fc.constantFrom(...valueTypes).chain((valueType) =>
      fc.constantFrom(...(opsByValueType[valueType] as readonly string[])).chain((op) =>
        fc.tuple(field, value(valueType, op)).map(
          ([name, v]) =>
            ({
              type,
              field: name,
              valueType,
              op,
              ...(v === undefined ? {} : { value: v }),
            }) as Condition,
        ),
      ),
    );
  const eventTree = conditionTree(property('property') as fc.Arbitrary<EventCondition>, {
    maxDepth: 2,
    minChildren: 0,
  });
  const eventCount = fc.record(
    {
      type: fc.constant('eventCount' as const),
      event: pick(options.events, fieldName),
      where: eventTree,
      withinDays: fc.integer({ min: 1, max: 3650 }),
      op: fc.constantFrom(...countOps),
      count: fc.oneof(fc.nat(5), fc.integer({ min: 0, max: 1_000_000 })),
    },
    { requiredKeys: ['type', 'event', 'withinDays', 'op', 'count'] },
  );
  const tag = fc.record({
    type: fc.constant('tag' as const),
    op: fc.constantFrom('has' as const, 'notHas' as const),
    tag: pick(options.tags, text(1, 64)),
  });
  const leaves: fc.Arbitrary<Condition>[] = [
    property('attribute'),
    tag,
    eventCount as fc.Arbitrary<Condition>,
  ];
  if (options.triggerEvent !== false) leaves.push(property('property'));
  return conditionTree(fc.oneof(...leaves), { maxDepth: options.maxDepth ?? 3, minChildren: 0 });
}

function value(valueType: ValueType, op: string): fc.Arbitrary<unknown> {
  if (op === 'exists' || op === 'notExists') return fc.constant(undefined);
  const list = <T>(item: fc.Arbitrary<T>) => fc.array(item, { minLength: 1, maxLength: 8 });
  switch (valueType) {
    case 'number':
      if (op === 'between') return fc.tuple(anyNumber, anyNumber).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
      return op === 'in' || op === 'notIn' ? list(anyNumber) : anyNumber;
    case 'string':
      return op === 'in' || op === 'notIn' ? list(text(0, 40)) : text(0, 40);
    case 'boolean':
      return fc.boolean();
    case 'date':
      if (op === 'withinLastDays') return fc.integer({ min: 1, max: 36_500 });
      if (op === 'olderThanDays') return fc.integer({ min: 0, max: 36_500 });
      return anyIsoDate;
  }
}
