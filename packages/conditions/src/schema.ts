import { z } from 'zod';

/**
 * The condition language: a JSON tree a planner builds in the canvas.
 *
 * Leaves compare one value of the customer (a profile attribute, a tag) or of an event (a
 * property of the triggering event, an aggregate over the customer's past events). Every leaf
 * names its value type, so the same tree evaluates in JS and compiles to SQL without a schema
 * lookup, and the builder can offer operators by type.
 *
 * Semantics shared by `evaluate` and `toSql`: a leaf whose value is missing or of another type is
 * false (only `notExists` is true then); `not` negates that two-valued result.
 */

export const valueTypes = ['number', 'string', 'boolean', 'date'] as const;
export type ValueType = (typeof valueTypes)[number];

const fieldName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'a field name holds letters, digits, _ . or -');

const existence = z.object({ op: z.enum(['exists', 'notExists']) });

const numberTest = z.discriminatedUnion('op', [
  z.object({ op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']), value: z.number().finite() }),
  z.object({ op: z.literal('between'), value: z.tuple([z.number().finite(), z.number().finite()]) }),
  z.object({ op: z.enum(['in', 'notIn']), value: z.array(z.number().finite()).min(1).max(1000) }),
  existence,
]);

const stringTest = z.discriminatedUnion('op', [
  z.object({ op: z.enum(['eq', 'neq', 'contains', 'startsWith']), value: z.string().max(1000) }),
  z.object({ op: z.enum(['in', 'notIn']), value: z.array(z.string().max(1000)).min(1).max(1000) }),
  existence,
]);

const booleanTest = z.discriminatedUnion('op', [z.object({ op: z.literal('is'), value: z.boolean() }), existence]);

/** Dates are ISO strings (`2026-11-23` or a full timestamp); relative tests count whole days back from now. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'an ISO date such as 2026-11-23');
const dateTest = z.discriminatedUnion('op', [
  z.object({ op: z.enum(['before', 'after']), value: isoDate }),
  z.object({ op: z.enum(['withinLastDays', 'olderThanDays']), value: z.number().int().min(0).max(36_500) }),
  existence,
]);

function typedLeaf<T extends 'attribute' | 'property'>(type: T) {
  const base = { type: z.literal(type), field: fieldName };
  return z.union([
    z.object({ ...base, valueType: z.literal('number') }).and(numberTest),
    z.object({ ...base, valueType: z.literal('string') }).and(stringTest),
    z.object({ ...base, valueType: z.literal('boolean') }).and(booleanTest),
    z.object({ ...base, valueType: z.literal('date') }).and(dateTest),
  ]);
}

/** A customer profile attribute (`customers.attributes`). */
export const attributeCondition = typedLeaf('attribute');
/** A property of the event in hand (the trigger event, or the event an aggregate is counting). */
export const propertyCondition = typedLeaf('property');

export const tagCondition = z.object({
  type: z.literal('tag'),
  op: z.enum(['has', 'notHas']),
  tag: z.string().min(1).max(64),
});

export const countOps = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;

export type AttributeCondition = z.infer<typeof attributeCondition>;
export type PropertyCondition = z.infer<typeof propertyCondition>;
export type TagCondition = z.infer<typeof tagCondition>;

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

export type Condition =
  | AttributeCondition
  | PropertyCondition
  | TagCondition
  | EventCountCondition
  | { type: 'all'; conditions: Condition[] }
  | { type: 'any'; conditions: Condition[] }
  | { type: 'not'; condition: Condition };

const MAX_CHILDREN = 100;

export const eventConditionSchema: z.ZodType<EventCondition> = z.lazy(() =>
  z.union([
    propertyCondition,
    z.object({ type: z.literal('all'), conditions: z.array(eventConditionSchema).max(MAX_CHILDREN) }),
    z.object({ type: z.literal('any'), conditions: z.array(eventConditionSchema).max(MAX_CHILDREN) }),
    z.object({ type: z.literal('not'), condition: eventConditionSchema }),
  ]),
);

export const eventCountCondition: z.ZodType<EventCountCondition> = z.object({
  type: z.literal('eventCount'),
  event: fieldName,
  where: eventConditionSchema.optional(),
  withinDays: z.number().int().min(1).max(3650),
  op: z.enum(countOps),
  count: z.number().int().min(0),
});

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    attributeCondition,
    propertyCondition,
    tagCondition,
    eventCountCondition,
    z.object({ type: z.literal('all'), conditions: z.array(conditionSchema).max(MAX_CHILDREN) }),
    z.object({ type: z.literal('any'), conditions: z.array(conditionSchema).max(MAX_CHILDREN) }),
    z.object({ type: z.literal('not'), condition: conditionSchema }),
  ]),
);
