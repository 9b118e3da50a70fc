import type { CustomerEvent } from '../../src/evaluate.ts';
import type { Condition, ValueType } from '../../src/schema.ts';

/** One customer, one condition and the answer both evaluate and Postgres must give. */
export interface EdgeCase {
  name: string;
  attributes: unknown;
  tags: string[];
  /** Properties of the triggering event; absent means no event in hand. */
  event?: Record<string, unknown>;
  history: CustomerEvent[];
  condition: Condition;
  expected: boolean;
}

/** The instant every edge case is judged at. */
export const now = new Date('2026-11-23T06:00:00.000Z');

const MISSING = Symbol('missing');

/** An attribute leaf on the field `v`. */
export function leaf(valueType: ValueType, op: string, value?: unknown): Condition {
  return {
    type: 'attribute',
    field: 'v',
    valueType,
    op,
    ...(value === undefined ? {} : { value }),
  } as Condition;
}

/** Cases for a customer whose attribute `v` holds `stored` (or who lacks it). */
export function storing(stored: unknown, checks: [Condition, boolean][]): EdgeCase[] {
  const attributes = stored === MISSING ? {} : { v: stored };
  return checks.map(([condition, expected]) => ({
    name: `v=${stored === MISSING ? '(missing)' : JSON.stringify(stored)}: ${JSON.stringify(condition)}`,
    attributes,
    tags: [],
    history: [],
    condition,
    expected,
  }));
}

export { MISSING };
