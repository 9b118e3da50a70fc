import { unknownOperator } from './errors.ts';
import { parseIsoDate } from './iso-date.ts';
import type { ValueCondition } from './schema.ts';
import { readBoolean, readDate, readNumber, readString } from './values.ts';

const DAY_MS = 86_400_000;

/** Milliseconds in `days` days of 24 hours: day counts never follow the calendar or DST. */
export function daysToMs(days: number): number {
  return days * DAY_MS;
}

/**
 * Whether the raw JSON value `raw` passes the test of one attribute / property leaf at `now`.
 * A missing value or a value of another type fails every test except `notExists`.
 */
export function testValue(leaf: ValueCondition, raw: unknown, now: Date): boolean {
  switch (leaf.valueType) {
    case 'number':
      return testNumber(leaf, readNumber(raw));
    case 'string':
      return testString(leaf, readString(raw));
    case 'boolean': {
      const v = readBoolean(raw);
      if (leaf.op === 'is') return v === leaf.value;
      return testExistence(leaf, v);
    }
    case 'date':
      return testDate(leaf, readDate(raw), now.getTime());
  }
  return unknownOperator(leaf);
}

type Leaf<V> = Extract<ValueCondition, { valueType: V }>;

// Settles the leaf when the operator is exists / notExists or the value is missing or mistyped.
function testExistence(leaf: { op: string }, v: unknown): boolean {
  if (leaf.op === 'notExists') return v === undefined;
  return leaf.op === 'exists' ? v !== undefined : false;
}

function testNumber(leaf: Leaf<'number'>, v: number | undefined): boolean {
  if (v === undefined || leaf.op === 'exists' || leaf.op === 'notExists') return testExistence(leaf, v);
  switch (leaf.op) {
    case 'eq':
      return v === leaf.value;
    case 'neq':
      return v !== leaf.value;
    case 'gt':
      return v > leaf.value;
    case 'gte':
      return v >= leaf.value;
    case 'lt':
      return v < leaf.value;
    case 'lte':
      return v <= leaf.value;
    case 'between':
      return leaf.value[0] <= v && v <= leaf.value[1];
    case 'in':
      return leaf.value.includes(v);
    case 'notIn':
      return !leaf.value.includes(v);
  }
  return unknownOperator(leaf);
}

function testString(leaf: Leaf<'string'>, v: string | undefined): boolean {
  if (v === undefined || leaf.op === 'exists' || leaf.op === 'notExists') return testExistence(leaf, v);
  switch (leaf.op) {
    case 'eq':
      return v === leaf.value;
    case 'neq':
      return v !== leaf.value;
    case 'contains':
      return v.includes(leaf.value);
    case 'startsWith':
      return v.startsWith(leaf.value);
    case 'in':
      return leaf.value.includes(v);
    case 'notIn':
      return !leaf.value.includes(v);
  }
  return unknownOperator(leaf);
}

// A condition is evaluated for every customer of a segment: parse its own date once, not per
// customer. Keyed by the text (not the leaf object) so a condition edited in place stays correct.
const conditionInstants = new Map<string, number>();
function instantOf(leaf: { value: string }): number {
  let instant = conditionInstants.get(leaf.value);
  if (instant === undefined) {
    if (conditionInstants.size >= 1000) conditionInstants.clear();
    instant = parseIsoDate(leaf.value) ?? Number.NaN;
    conditionInstants.set(leaf.value, instant);
  }
  return instant;
}

function testDate(leaf: Leaf<'date'>, v: number | undefined, now: number): boolean {
  if (v === undefined || leaf.op === 'exists' || leaf.op === 'notExists') return testExistence(leaf, v);
  switch (leaf.op) {
    case 'before':
      return v < instantOf(leaf);
    case 'after':
      return v > instantOf(leaf);
    case 'withinLastDays':
      return v > now - daysToMs(leaf.value) && v <= now;
    case 'olderThanDays':
      return v <= now - daysToMs(leaf.value);
  }
  return unknownOperator(leaf);
}
