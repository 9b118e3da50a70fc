import { ConditionError, unknownOperator } from './errors.ts';
import type { Condition, countOps, EventCondition, EventCountCondition } from './schema.ts';
import { daysToMs, testValue } from './test-value.ts';
import { readField } from './values.ts';

/** One event of a customer, as stored in `events`. */
export interface CustomerEvent {
  name: string;
  properties: Record<string, unknown>;
  occurredAt: Date;
}

/** Everything a condition may read. */
export interface EvaluationContext {
  customer: { attributes: Record<string, unknown>; tags: readonly string[] };
  /** The event in hand: what top-level `property` leaves read (absent: they see no value). */
  event?: CustomerEvent | undefined;
  /**
   * The customer's event history for `eventCount` leaves. Absent means no events: pass at least
   * the events, over the windows, that `referencedFields(condition).events` names.
   */
  events?: readonly CustomerEvent[] | undefined;
  now: Date;
}

/**
 * Whether the customer in `context` satisfies `condition`. Never throws for a condition that
 * `parseCondition` accepted; the result is the same as the customer's row matching `toSql`.
 */
export function evaluate(condition: Condition, context: EvaluationContext): boolean {
  switch (condition.type) {
    case 'all':
      return condition.conditions.every((child) => evaluate(child, context));
    case 'any':
      return condition.conditions.some((child) => evaluate(child, context));
    case 'not':
      return !evaluate(condition.condition, context);
    case 'attribute':
      return testValue(condition, readField(context.customer.attributes, condition.field), context.now);
    case 'property':
      return testValue(condition, readField(context.event?.properties, condition.field), context.now);
    case 'tag': {
      const has = context.customer.tags.includes(condition.tag);
      return condition.op === 'has' ? has : !has;
    }
    case 'eventCount':
      return compareCount(condition.op, countEvents(condition, context), condition.count);
  }
  throw new ConditionError(
    'UNKNOWN_CONDITION',
    `"${String((condition as { type?: unknown }).type)}" is not a kind of condition`,
  );
}

function countEvents(condition: EventCountCondition, context: EvaluationContext): number {
  const now = context.now.getTime();
  const from = now - daysToMs(condition.withinDays);
  let count = 0;
  for (const event of context.events ?? []) {
    if (event.name !== condition.event) continue;
    const at = event.occurredAt.getTime();
    if (!(at > from && at <= now)) continue;
    if (condition.where && !evaluateOnEvent(condition.where, event, context.now)) continue;
    count++;
  }
  return count;
}

function evaluateOnEvent(condition: EventCondition, event: CustomerEvent, now: Date): boolean {
  return evaluate(condition, { customer: { attributes: {}, tags: [] }, event, now });
}

function compareCount(op: (typeof countOps)[number], actual: number, expected: number): boolean {
  switch (op) {
    case 'eq':
      return actual === expected;
    case 'neq':
      return actual !== expected;
    case 'gt':
      return actual > expected;
    case 'gte':
      return actual >= expected;
    case 'lt':
      return actual < expected;
    case 'lte':
      return actual <= expected;
  }
  return unknownOperator({ op });
}
