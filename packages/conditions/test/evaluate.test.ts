import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.ts';
import { conditionSchema } from '../src/schema.ts';
import { allCases } from './support/all-cases.ts';
import { now } from './support/edge-cases.ts';

describe('evaluate', () => {
  it.each(allCases)('$name → $expected', (edge) => {
    expect(conditionSchema.safeParse(edge.condition).success).toBe(true);
    const context = {
      customer: { attributes: edge.attributes as Record<string, unknown>, tags: edge.tags },
      event: edge.event && { name: 'trigger', properties: edge.event, occurredAt: now },
      events: edge.history,
      now,
    };
    expect(evaluate(edge.condition, context)).toBe(edge.expected);
  });

  it('reads a JS Date in an event property as the instant it stands for', () => {
    const condition = {
      type: 'property',
      field: 'at',
      valueType: 'date',
      op: 'after',
      value: '2026-11-22',
    } as const;
    const event = { name: 'x', properties: { at: new Date('2026-11-22T00:00:00.001Z') }, occurredAt: now };
    expect(evaluate(condition, { customer: { attributes: {}, tags: [] }, event, now })).toBe(true);
  });

  it('counts no events when the history is not given', () => {
    const condition = { type: 'eventCount', event: 'login', withinDays: 7, op: 'eq', count: 0 } as const;
    expect(evaluate(condition, { customer: { attributes: {}, tags: [] }, now })).toBe(true);
  });

  it('refuses a condition kind the schema does not know with a coded error', () => {
    const bogus = { type: 'segment', id: 's1' } as never;
    expect(() => evaluate(bogus, { customer: { attributes: {}, tags: [] }, now })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_CONDITION' }),
    );
  });
});
