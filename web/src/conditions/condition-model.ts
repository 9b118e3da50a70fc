import type { Condition, EventCondition } from '@waymark/conditions';
import { builtInCatalog, type FieldCatalog, type FieldType } from '../fields/field-catalog.ts';

/** How a group combines its rules; "none" is stored as not(any(…)). */
export type GroupMode = 'all' | 'any' | 'none';

export interface GroupView {
  mode: GroupMode;
  children: Condition[];
}

/** Reads any condition as a group to edit: a lone rule becomes a group of one. */
export function asGroup(condition: Condition | undefined): GroupView {
  if (!condition) return { mode: 'all', children: [] };
  if (condition.type === 'all' || condition.type === 'any')
    return { mode: condition.type, children: condition.conditions };
  if (condition.type === 'not' && condition.condition.type === 'any') {
    return { mode: 'none', children: condition.condition.conditions };
  }
  return { mode: 'all', children: [condition] };
}

/** Writes a group back; an empty group means "no condition". */
export function fromGroup(group: GroupView): Condition {
  if (group.mode === 'none') return { type: 'not', condition: { type: 'any', conditions: group.children } };
  return { type: group.mode, conditions: group.children };
}

/**
 * A rule to start from, so a new row is valid at once and the planner only adjusts it: on the
 * event's first property, or on the balance (else the first attribute) of the customer.
 */
export function defaultRule(
  scope: 'customer' | 'event',
  event?: string,
  catalog: FieldCatalog = builtInCatalog,
): Condition {
  if (scope === 'event') {
    const field = catalog.eventProperties(event)[0];
    if (field) return ruleFor('property', field.name, field.valueType);
    return { type: 'property', field: 'amount', valueType: 'number', op: 'gte', value: 0 };
  }
  const field = catalog.attribute('balance') ?? catalog.attributes[0];
  return field
    ? ruleFor('attribute', field.name, field.valueType)
    : ruleFor('attribute', 'balance', 'number');
}

/** A fresh rule on `field` with the first sensible operator for its type. */
export function ruleFor(source: 'attribute' | 'property', field: string, valueType: FieldType): Condition {
  switch (valueType) {
    case 'number':
      return { type: source, field, valueType, op: 'gte', value: 0 };
    case 'string':
      return { type: source, field, valueType, op: 'eq', value: '' };
    case 'boolean':
      return { type: source, field, valueType, op: 'is', value: true };
    case 'date':
      return { type: source, field, valueType, op: 'withinLastDays', value: 30 };
  }
}

/** "at least once in the last 30 days" of a common event, ready for the planner to adjust. */
export function eventCountRule(event = 'card_txn'): Condition {
  return { type: 'eventCount', event, op: 'gte', count: 1, withinDays: 30 };
}

/** A value that fits an operator's shape, keeping what the planner typed when it still fits. */
export function valueForShape(shape: string, valueType: FieldType, previous: unknown): unknown {
  const scalar = Array.isArray(previous) ? previous[0] : previous;
  switch (shape) {
    case 'none':
      return undefined;
    case 'pair':
      return [typeof scalar === 'number' ? scalar : 0, typeof scalar === 'number' ? scalar : 0];
    case 'list':
      return scalar === undefined || scalar === '' ? [] : [scalar];
    case 'days':
      return typeof scalar === 'number' && Number.isInteger(scalar) && scalar >= 0 ? scalar : 30;
    default:
      if (valueType === 'boolean') return typeof scalar === 'boolean' ? scalar : true;
      if (valueType === 'number') return typeof scalar === 'number' ? scalar : 0;
      return typeof scalar === 'string' ? scalar : '';
  }
}

/** Parses a comma-separated list typed by the planner into numbers or strings. */
export function parseList(text: string, valueType: FieldType): (string | number)[] {
  const parts = text
    .split(/[,，]/)
    .map((part) => part.trim())
    .filter(Boolean);
  return valueType === 'number' ? parts.map(Number) : parts;
}

/** True for event-scoped trees (only property rules), as a trigger's condition must be. */
export function isEventCondition(condition: Condition): condition is EventCondition {
  if (condition.type === 'property') return true;
  if (condition.type === 'all' || condition.type === 'any')
    return condition.conditions.every(isEventCondition);
  if (condition.type === 'not') return isEventCondition(condition.condition);
  return false;
}
