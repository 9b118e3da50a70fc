import { describe, expect, it } from 'vitest';
import type { VariantStats } from '../../api/journeys.ts';
import { formatLift, formatRate, groupBySplit, verdictOf } from './variant-results-model.ts';

function variant(overrides: Partial<VariantStats>): VariantStats {
  return {
    splitNodeId: 'ab',
    variant: 'A',
    label: 'A',
    control: false,
    entered: 100,
    sent: 100,
    converted: 10,
    conversionRate: 0.1,
    value: 0,
    liftOverControl: null,
    significantOverControl: null,
    ...overrides,
  };
}

describe('A/B results', () => {
  it('groups variants by split in the order the server lists them and finds each control group', () => {
    const rows = [
      variant({ splitNodeId: 'ab', variant: 'A' }),
      variant({ splitNodeId: 'ab', variant: 'control', control: true }),
      variant({ splitNodeId: 'ab2', variant: 'X' }),
      variant({ splitNodeId: 'ab', variant: 'B' }),
    ];
    const splits = groupBySplit(rows);
    expect(splits.map((split) => split.splitNodeId)).toEqual(['ab', 'ab2']);
    expect(splits[0]?.rows.map((row) => row.variant)).toEqual(['A', 'control', 'B']);
    expect(splits[0]?.control?.variant).toBe('control');
    expect(splits[1]?.control).toBeUndefined();
  });

  it('calls a variant better or worse only when the server found the difference significant', () => {
    const control = variant({ variant: 'control', control: true, conversionRate: 0.1 });
    expect(
      verdictOf(variant({ liftOverControl: 0.5, significantOverControl: false }), control),
    ).toBeUndefined();
    expect(verdictOf(variant({ liftOverControl: 0.5, significantOverControl: true }), control)).toBe(
      'better',
    );
    expect(verdictOf(variant({ liftOverControl: -0.45, significantOverControl: true }), control)).toBe(
      'worse',
    );
    expect(verdictOf(control, control)).toBeUndefined();
  });

  it('takes the direction from the rates when a control group that converted nobody leaves no lift', () => {
    const control = variant({ variant: 'control', control: true, converted: 0, conversionRate: 0 });
    const row = variant({ conversionRate: 0.2, liftOverControl: null, significantOverControl: true });
    expect(verdictOf(row, control)).toBe('better');
  });

  it('writes rates with one decimal and lifts with their sign, a dash where there is none', () => {
    expect(formatRate(0.15, 'en')).toBe('15.0%');
    expect(formatRate(0.055, 'en')).toBe('5.5%');
    expect(formatRate(null, 'en')).toBe('—');
    expect(formatLift(0.5, 'en')).toBe('+50.0%');
    expect(formatLift(-0.45, 'en')).toBe('-45.0%');
    expect(formatLift(0, 'en')).toBe('0.0%');
    expect(formatLift(null, 'zh-CN')).toBe('—');
    expect(formatLift(0.123, 'zh-CN')).toBe('+12.3%');
  });
});
