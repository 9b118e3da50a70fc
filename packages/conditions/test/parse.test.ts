import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCondition } from '../src/parse.ts';
import { conditionSchema } from '../src/schema.ts';
import { arbitraryAnyCondition } from '../src/testing.ts';

function problems(input: unknown) {
  const result = parseCondition(input);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('parseCondition', () => {
  it('accepts a valid condition and returns it', () => {
    const condition = { type: 'attribute', field: 'balance', valueType: 'number', op: 'gte', value: 50_000 };
    expect(parseCondition(condition)).toEqual({ ok: true, condition });
    expect(parseCondition(JSON.stringify(condition))).toEqual({ ok: true, condition });
  });

  it('names the field, the place and the fix for each mistake', () => {
    expect(
      problems({ type: 'attribute', field: 'balance', valueType: 'number', op: 'gt', value: '50000' }),
    ).toEqual([
      { path: ['value'], code: 'WRONG_TYPE', message: 'Condition on "balance": the value must be a number.' },
    ]);
    expect(
      problems({ type: 'attribute', field: 'job', valueType: 'string', op: 'gt', value: 'x' })[0],
    ).toMatchObject({
      path: ['op'],
      code: 'NOT_ALLOWED',
      message: expect.stringMatching(
        /^Condition on "job": "gt" cannot be used here: use one of eq \(is\), .*for text values\.$/,
      ),
    });
    expect(problems({ type: 'all', conditions: [{ type: 'tag', op: 'has', tag: 'vip' }, {}] })).toEqual([
      {
        path: ['conditions', 1, 'type'],
        code: 'MISSING',
        message:
          'Condition 2 of its group: the kind of condition ("type") is missing: use one of attribute, property, tag, eventCount, all, any, not.',
      },
    ]);
    expect(
      problems({
        type: 'attribute',
        field: 'opened',
        valueType: 'date',
        op: 'before',
        value: '2026-02-30',
      })[0]?.message,
    ).toBe(
      'Condition on "opened": the value is not valid: use a real date such as 2026-11-23 or 2026-11-23T09:30:00+08:00.',
    );
    expect(
      problems({ type: 'attribute', field: 'age', valueType: 'number', op: 'between', value: [60, 18] })[0]
        ?.message,
    ).toBe(
      'Condition on "age": the value is not valid: the first number of a range must not be above the second.',
    );
    expect(
      problems({ type: 'eventCount', event: 'card_txn', withinDays: 0, op: 'gte', count: 1 })[0],
    ).toMatchObject({
      path: ['withinDays'],
      code: 'TOO_SMALL',
      message: 'Count of "card_txn" events: the number of days must be at least 1.',
    });
    expect(
      problems({
        type: 'eventCount',
        event: 'card_txn',
        withinDays: 30,
        op: 'gte',
        count: 1,
        where: { type: 'tag', op: 'has', tag: 'x' },
      })[0]?.message,
    ).toContain('is not a kind of condition inside an event count: use one of property, all, any, not');
  });

  it('reports every mistake, not only the first', () => {
    const found = problems({
      type: 'any',
      conditions: [
        { type: 'attribute', field: '1st', valueType: 'number', op: 'eq', value: 1 },
        { type: 'tag', op: 'has', tag: '' },
        { type: 'attribute', field: 'job', valueType: 'string', op: 'in', value: [] },
      ],
    });
    expect(found.map((p) => [p.path.join('.'), p.code])).toEqual([
      ['conditions.0.field', 'INVALID'],
      ['conditions.1.tag', 'TOO_SMALL'],
      ['conditions.2.value', 'TOO_SMALL'],
    ]);
  });

  it('refuses non-objects, broken JSON and hostile nesting without throwing', () => {
    expect(problems(null)[0]?.message).toContain('a condition must be an object');
    expect(problems('{"type": ')[0]).toMatchObject({ code: 'INVALID_JSON' });
    let deep: unknown = { type: 'tag', op: 'has', tag: 'vip' };
    for (let i = 0; i < 100_000; i++) deep = { type: 'not', condition: deep };
    expect(problems(deep)[0]).toMatchObject({ code: 'TOO_DEEP' });
    const wide = {
      type: 'any',
      conditions: Array.from({ length: 100 }, () => ({ type: 'all', conditions: Array(300).fill(1) })),
    };
    expect(problems(wide)[0]).toMatchObject({ code: 'TOO_LARGE' });
  });

  it('never throws on any JSON-like value, and every problem is located and explained', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), mutatedCondition), (input) => {
        const result = parseCondition(input);
        if (result.ok) {
          expect(conditionSchema.safeParse(result.condition).success).toBe(true);
          return;
        }
        expect(result.problems.length).toBeGreaterThan(0);
        for (const problem of result.problems) {
          expect(Array.isArray(problem.path)).toBe(true);
          expect(problem.message).toMatch(/^[A-Z].+\.$/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

// A valid condition with one spot replaced by anything: mistakes deep inside real trees.
const mutatedCondition = fc
  .tuple(arbitraryAnyCondition(), fc.anything(), fc.nat())
  .map(([condition, junk, seed]) => {
    const copy = structuredClone(condition) as unknown as Record<string, unknown>;
    const spots: [Record<string, unknown>, string][] = [];
    const walk = (node: unknown) => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, child] of Object.entries(node)) {
        spots.push([node as Record<string, unknown>, key]);
        walk(child);
      }
    };
    walk(copy);
    const spot = spots[seed % Math.max(spots.length, 1)];
    if (spot) spot[0][spot[1]] = junk;
    return copy;
  });
