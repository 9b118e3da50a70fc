import { z } from 'zod';
import { isIsoDate } from './iso-date.ts';

/**
 * The condition language: a JSON tree a planner builds in the canvas.
 *
 * Leaves compare one value of the customer (a profile attribute, a tag) or of an event (a
 * property of the triggering event, an aggregate over the customer's past events). Every leaf
 * names its value type, so the same tree evaluates in JS and compiles to SQL without a schema
 * lookup, and the builder can offer operators by type.
 *
 * Semantics shared by `evaluate` and `toSql` (each rule is tested against Postgres):
 * - A field is one top-level key of `attributes` / `properties`; dots in a name do not nest.
 * - A leaf whose value is missing, JSON null or of another JSON type than its `valueType` is
 *   false, whatever the operator (`neq` and `notIn` too); only `notExists` is true then, and
 *   `exists` means "holds a value of this type". `not` negates that two-valued result.
 * - Numbers are JSON numbers: the string "100" is not a number. Booleans are JSON true/false:
 *   "yes" is not a boolean. Dates are strings that match the ISO pattern of `iso-date.ts` and
 *   name a real calendar day; they are compared as instants.
 * - String operators are case-sensitive and compare UTF-16 text exactly (no collation).
 * - `between` includes both bounds. `withinLastDays n` holds for instants in (now − n×24 h, now];
 *   `olderThanDays n` for instants at or before now − n×24 h; a future date is neither.
 * - `eventCount` counts the customer's events of that name with occurredAt in
 *   (now − withinDays×24 h, now] that satisfy `where` (whose property leaves read the counted
 *   event), then compares the count.
 * - An empty `all` is true and an empty `any` is false.
 */

/** The types a leaf can read a value as. */
export const valueTypes = ['number', 'string', 'boolean', 'date'] as const;
export type ValueType = (typeof valueTypes)[number];

/** Operators that test only whether a value of the leaf's type is there. */
export const existenceOps = ['exists', 'notExists'] as const;
const numberCompareOps = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
const stringCompareOps = ['eq', 'neq', 'contains', 'startsWith'] as const;
const listOps = ['in', 'notIn'] as const;

/** Every operator of each value type, in the order the builder offers them. */
export const opsByValueType = {
  number: [...numberCompareOps, 'between', ...listOps, ...existenceOps],
  string: [...stringCompareOps, ...listOps, ...existenceOps],
  boolean: ['is', ...existenceOps],
  date: ['before', 'after', 'withinLastDays', 'olderThanDays', ...existenceOps],
} as const satisfies Record<ValueType, readonly string[]>;

/** Operators of `tag` leaves and of `eventCount` comparisons. */
export const tagOps = ['has', 'notHas'] as const;
export const countOps = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;

/** Most values in an `in` list and most conditions in one group. */
export const MAX_LIST_VALUES = 1000;
export const MAX_CHILDREN = 100;

const fieldName = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.-]*$/,
    'a field name starts with a letter or _ and holds letters, digits, _ . or -',
  );

// Postgres text cannot hold NUL, and broken UTF-16 would reach it as U+FFFD: either way the
// database would see another string than the browser, so such text is refused up front.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const text = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine(
      (s) => !s.includes('\u0000') && !loneSurrogate.test(s),
      'text cannot hold NUL or broken characters',
    );

const numberList = z.array(z.number()).min(1).max(MAX_LIST_VALUES);
const numberRange = z
  .tuple([z.number(), z.number()])
  .refine(([low, high]) => low <= high, 'the first number of a range must not be above the second');
const isoDate = z
  .string()
  .refine(isIsoDate, 'use a real date such as 2026-11-23 or 2026-11-23T09:30:00+08:00');
const days = (min: number) => z.number().int().min(min).max(36_500);

function typedLeaf<T extends 'attribute' | 'property'>(type: T) {
  const base = { type: z.literal(type), field: fieldName };
  const number = { ...base, valueType: z.literal('number') };
  const string = { ...base, valueType: z.literal('string') };
  const boolean = { ...base, valueType: z.literal('boolean') };
  const date = { ...base, valueType: z.literal('date') };
  return z.discriminatedUnion('valueType', [
    z.discriminatedUnion('op', [
      z.object({ ...number, op: z.enum(numberCompareOps), value: z.number() }),
      z.object({ ...number, op: z.literal('between'), value: numberRange }),
      z.object({ ...number, op: z.enum(listOps), value: numberList }),
      z.object({ ...number, op: z.enum(existenceOps) }),
    ]),
    z.discriminatedUnion('op', [
      z.object({ ...string, op: z.enum(stringCompareOps), value: text(0, 1000) }),
      z.object({ ...string, op: z.enum(listOps), value: z.array(text(0, 1000)).min(1).max(MAX_LIST_VALUES) }),
      z.object({ ...string, op: z.enum(existenceOps) }),
    ]),
    z.discriminatedUnion('op', [
      z.object({ ...boolean, op: z.literal('is'), value: z.boolean() }),
      z.object({ ...boolean, op: z.enum(existenceOps) }),
    ]),
    z.discriminatedUnion('op', [
      z.object({ ...date, op: z.enum(['before', 'after']), value: isoDate }),
      z.object({ ...date, op: z.literal('withinLastDays'), value: days(1) }),
      z.object({ ...date, op: z.literal('olderThanDays'), value: days(0) }),
      z.object({ ...date, op: z.enum(existenceOps) }),
    ]),
  ]);
}

/** A customer profile attribute (`customers.attributes`). */
export const attributeCondition = typedLeaf('attribute');
/** A property of the event in hand (the trigger event, or the event an aggregate is counting). */
export const propertyCondition = typedLeaf('property');

/** The customer has (or has not) a tag; tags compare exactly, case included. */
export const tagCondition = z.object({
  type: z.literal('tag'),
  op: z.enum(tagOps),
  tag: text(1, 64),
});

/** Leaf types, one per kind of value read. */
export type AttributeCondition = z.infer<typeof attributeCondition>;
export type PropertyCondition = z.infer<typeof propertyCondition>;
export type TagCondition = z.infer<typeof tagCondition>;
/** A leaf that reads one typed value (an attribute or an event property). */
export type ValueCondition = AttributeCondition | PropertyCondition;

/** A condition on event properties only (what `eventCount.where` may hold). */
export type EventCondition =
  | PropertyCondition
  | { type: 'all'; conditions: EventCondition[] }
  | { type: 'any'; conditions: EventCondition[] }
  | { type: 'not'; condition: EventCondition };

/** "at least 2 `card_txn` in the last 30 days (where amount > 100)". */
export interface EventCountCondition {
  type: 'eventCount';
  event: string;
  where?: EventCondition | undefined;
  withinDays: number;
  op: (typeof countOps)[number];
  count: number;
}

/** A whole condition tree: what filters, segments and goals hold. */
export type Condition =
  | AttributeCondition
  | PropertyCondition
  | TagCondition
  | EventCountCondition
  | { type: 'all'; conditions: Condition[] }
  | { type: 'any'; conditions: Condition[] }
  | { type: 'not'; condition: Condition };

/** What `eventCount.where` (and event triggers / waits) accept: property leaves and groups. */
export const eventConditionSchema: z.ZodType<EventCondition> = z.discriminatedUnion('type', [
  propertyCondition,
  z.object({
    type: z.literal('all'),
    get conditions() {
      return z.array(eventConditionSchema).max(MAX_CHILDREN);
    },
  }),
  z.object({
    type: z.literal('any'),
    get conditions() {
      return z.array(eventConditionSchema).max(MAX_CHILDREN);
    },
  }),
  z.object({
    type: z.literal('not'),
    get condition() {
      return eventConditionSchema;
    },
  }),
]);

/** How many of the customer's events of one name, in a window ending now, pass `where`. */
export const eventCountCondition = z.object({
  type: z.literal('eventCount'),
  event: fieldName,
  get where() {
    return eventConditionSchema.optional();
  },
  withinDays: z.number().int().min(1).max(3650),
  op: z.enum(countOps),
  count: z.number().int().min(0).max(1_000_000),
});

/**
 * Any condition. Prefer `parseCondition` for input from people: it explains each mistake in a
 * planner's words.
 */
export const conditionSchema: z.ZodType<Condition> = z.discriminatedUnion('type', [
  attributeCondition,
  propertyCondition,
  tagCondition,
  eventCountCondition,
  z.object({
    type: z.literal('all'),
    get conditions() {
      return z.array(conditionSchema).max(MAX_CHILDREN);
    },
  }),
  z.object({
    type: z.literal('any'),
    get conditions() {
      return z.array(conditionSchema).max(MAX_CHILDREN);
    },
  }),
  z.object({
    type: z.literal('not'),
    get condition() {
      return conditionSchema;
    },
  }),
]);
