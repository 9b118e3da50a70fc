import { describe, expect, it } from 'vitest';
import { describeCondition } from '../src/describe.ts';
import type { Condition } from '../src/schema.ts';

const balance: Condition = {
  type: 'attribute',
  field: 'balance',
  valueType: 'number',
  op: 'gt',
  value: 50_000,
};
const vip: Condition = { type: 'tag', op: 'has', tag: 'vip' };
const jobs: Condition = {
  type: 'attribute',
  field: 'job',
  valueType: 'string',
  op: 'in',
  value: ['admin.', 'technician', 'services', 'retired', 'student', 'unemployed', 'housemaid'],
};
const bigSpenders: Condition = {
  type: 'eventCount',
  event: 'card_txn',
  withinDays: 30,
  op: 'gte',
  count: 2,
  where: { type: 'property', field: 'amount', valueType: 'number', op: 'gt', value: 100 },
};

describe('describeCondition', () => {
  it('summarises a leaf the way a node label shows it', () => {
    expect(describeCondition(balance)).toBe('balance > 50,000');
    expect(describeCondition(balance, 'zh-CN')).toBe('balance > 50,000');
    expect(describeCondition({ ...balance, op: 'between', value: [1000, 5000] } as Condition)).toBe(
      'balance between 1,000 and 5,000',
    );
    expect(
      describeCondition({ type: 'attribute', field: 'housing', valueType: 'boolean', op: 'is', value: true }),
    ).toBe('housing is yes');
    expect(
      describeCondition(
        { type: 'attribute', field: 'job', valueType: 'string', op: 'eq', value: 'admin.' },
        'zh-CN',
      ),
    ).toBe('job = “admin.”');
  });

  it('joins groups with and / or, bracketing nested groups, and negates with not', () => {
    const condition: Condition = {
      type: 'all',
      conditions: [balance, { type: 'any', conditions: [vip, { type: 'not', condition: jobs }] }],
    };
    expect(describeCondition(condition)).toBe(
      'balance > 50,000 and (has tag "vip" or not (job is one of "admin.", "technician", "services", "retired", "student" (+2 more)))',
    );
    expect(describeCondition(condition, 'zh-CN')).toBe(
      'balance > 50,000 且 (有标签 “vip” 或 非（job 是其中之一 “admin.”、“technician”、“services”、“retired”、“student” 等 7 项）)',
    );
    expect(describeCondition({ type: 'all', conditions: [] })).toBe('always');
    expect(describeCondition({ type: 'any', conditions: [] }, 'zh-CN')).toBe('从不成立');
  });

  it('describes event counts, relative dates and planner-facing names', () => {
    expect(describeCondition(bigSpenders)).toBe(
      'card_txn at least 2 times in the last 30 days where amount > 100',
    );
    expect(describeCondition(bigSpenders, 'zh-CN')).toBe('最近 30 天内 card_txn 不少于 2 次（amount > 100）');
    const recent: Condition = {
      type: 'attribute',
      field: 'last_contact',
      valueType: 'date',
      op: 'withinLastDays',
      value: 7,
    };
    expect(describeCondition(recent)).toBe('last_contact in the last 7 days');
    expect(describeCondition(recent, 'zh-CN')).toBe('last_contact 在最近 7 天内');
    const labels = {
      fieldLabel: (f: string) => ({ balance: 'Balance' })[f],
      eventLabel: () => 'card payment',
    };
    expect(describeCondition({ type: 'all', conditions: [balance, bigSpenders] }, 'en', labels)).toBe(
      'Balance > 50,000 and card payment at least 2 times in the last 30 days where amount > 100',
    );
  });
});
