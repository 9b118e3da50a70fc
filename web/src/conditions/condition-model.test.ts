import type { Condition } from '@waymark/conditions';
import { conditionSchema } from '@waymark/conditions';
import { describe, expect, it } from 'vitest';
import {
  asGroup,
  defaultRule,
  eventCountRule,
  fromGroup,
  parseList,
  ruleFor,
  valueForShape,
} from './condition-model.ts';

describe('condition builder model', () => {
  it('reads a lone rule as a group of one and writes groups back', () => {
    const rule = ruleFor('attribute', 'balance', 'number');
    expect(asGroup(rule)).toEqual({ mode: 'all', children: [rule] });
    expect(fromGroup({ mode: 'any', children: [rule] })).toEqual({ type: 'any', conditions: [rule] });
  });

  it('stores "none of these" as not(any(…)) and reads it back', () => {
    const rule = ruleFor('attribute', 'age', 'number');
    const stored = fromGroup({ mode: 'none', children: [rule] });
    expect(stored).toEqual({ type: 'not', condition: { type: 'any', conditions: [rule] } });
    expect(asGroup(stored).mode).toBe('none');
  });

  it('starts new rules that already pass the shared schema', () => {
    for (const rule of [
      defaultRule('customer'),
      defaultRule('event', 'large_deposit'),
      ruleFor('attribute', 'job', 'string'),
      ruleFor('attribute', 'loan', 'boolean'),
      ruleFor('property', 'maturityDate', 'date'),
      eventCountRule(),
    ] satisfies Condition[]) {
      expect(conditionSchema.safeParse(rule).success, JSON.stringify(rule)).toBe(true);
    }
  });

  it('reshapes values when the operator changes', () => {
    expect(valueForShape('pair', 'number', 5)).toEqual([5, 5]);
    expect(valueForShape('list', 'string', 'vip')).toEqual(['vip']);
    expect(valueForShape('single', 'number', [7, 9])).toBe(7);
    expect(valueForShape('none', 'number', 1)).toBeUndefined();
    expect(valueForShape('days', 'date', '2026-01-01')).toBe(30);
  });

  it('parses typed lists with Latin or Chinese commas', () => {
    expect(parseList('1, 2，3', 'number')).toEqual([1, 2, 3]);
    expect(parseList('single, married,', 'string')).toEqual(['single', 'married']);
  });
});
