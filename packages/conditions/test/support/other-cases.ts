import type { CustomerEvent } from '../../src/evaluate.ts';
import type { Condition } from '../../src/schema.ts';
import type { EdgeCase } from './edge-cases.ts';
import { now } from './edge-cases.ts';

const hoursAgo = (
  hours: number,
  name = 'login',
  properties: Record<string, unknown> = {},
): CustomerEvent => ({
  name,
  properties,
  occurredAt: new Date(now.getTime() - hours * 3_600_000),
});

const history: CustomerEvent[] = [
  hoursAgo(1),
  hoursAgo(25),
  hoursAgo(0),
  hoursAgo(-1),
  hoursAgo(7 * 24),
  { name: 'login', properties: {}, occurredAt: new Date(now.getTime() - 7 * 86_400_000 + 1) },
  hoursAgo(2, 'card_txn', { amount: 50 }),
  hoursAgo(3, 'card_txn', { amount: 150, merchant: 'Star Coffee' }),
  hoursAgo(4, 'card_txn', { amount: '200' }),
  hoursAgo(5, 'card_txn', {}),
  hoursAgo(24 * 40, 'card_txn', { amount: 999 }),
];

const count = (event: string, withinDays: number, op: string, n: number, where?: Condition): Condition =>
  ({ type: 'eventCount', event, withinDays, op, count: n, ...(where ? { where } : {}) }) as Condition;
const amount = (op: string, value?: unknown) =>
  ({
    type: 'property',
    field: 'amount',
    valueType: 'number',
    op,
    ...(value === undefined ? {} : { value }),
  }) as Condition;
const attr = (field: string, op: string, value?: unknown) =>
  ({
    type: 'attribute',
    field,
    valueType: 'number',
    op,
    ...(value === undefined ? {} : { value }),
  }) as Condition;
const tag = (op: 'has' | 'notHas', name: string): Condition => ({ type: 'tag', op, tag: name });

function customer(
  name: string,
  attributes: unknown,
  tags: string[],
  checks: [Condition, boolean][],
  extra: Partial<EdgeCase> = {},
): EdgeCase[] {
  return checks.map(([condition, expected]) => ({
    name: `${name}: ${JSON.stringify(condition)}`,
    attributes,
    tags,
    history: [],
    condition,
    expected,
    ...extra,
  }));
}

/** Field names, tags, groups, trigger-event properties and event counts. */
export const otherCases: EdgeCase[] = [
  ...customer(
    'plain object',
    {},
    [],
    [
      [attr('constructor', 'notExists'), true],
      [attr('toString', 'exists'), false],
    ],
  ),
  ...customer('__proto__ key', JSON.parse('{"__proto__": 5}'), [], [[attr('__proto__', 'eq', 5), true]]),
  ...customer(
    'dotted names do not nest',
    { a: { b: 1 }, 'a.b': 2 },
    [],
    [
      [attr('a.b', 'eq', 2), true],
      [attr('a.b', 'eq', 1), false],
    ],
  ),
  // An array has no fields, not even its own `length`.
  ...customer(
    'attributes is an array',
    [5],
    [],
    [
      [attr('length', 'exists'), false],
      [attr('length', 'notExists'), true],
    ],
  ),
  ...customer('attributes is a string', 'abc', [], [[attr('length', 'exists'), false]]),
  ...customer('attributes is a number', 5, [], [[attr('v', 'notExists'), true]]),
  ...customer(
    'tags',
    {},
    ['vip', 'homeowner'],
    [
      [tag('has', 'vip'), true],
      [tag('has', 'VIP'), false],
      [tag('has', 'vi'), false],
      [tag('notHas', 'vip'), false],
      [tag('notHas', 'student'), true],
    ],
  ),
  ...customer(
    'no tags',
    {},
    [],
    [
      [tag('has', 'vip'), false],
      [tag('notHas', 'vip'), true],
    ],
  ),
  ...customer(
    'groups',
    { n: 5 },
    [],
    [
      [{ type: 'all', conditions: [] }, true],
      [{ type: 'any', conditions: [] }, false],
      [{ type: 'not', condition: { type: 'all', conditions: [] } }, false],
      [{ type: 'not', condition: { type: 'not', condition: attr('n', 'gt', 4) } }, true],
      [{ type: 'all', conditions: [attr('n', 'gt', 4), attr('n', 'lt', 6)] }, true],
      [{ type: 'all', conditions: [attr('n', 'gt', 4), attr('missing', 'lt', 6)] }, false],
      [{ type: 'any', conditions: [attr('missing', 'gt', 4), attr('n', 'lt', 6)] }, true],
      [
        {
          type: 'not',
          condition: { type: 'any', conditions: [attr('missing', 'gt', 4), attr('missing', 'lte', 4)] },
        },
        true,
      ],
    ],
  ),
  ...customer(
    'trigger event',
    {},
    [],
    [
      [amount('gt', 100), true],
      [amount('exists'), true],
      [{ type: 'property', field: 'merchant', valueType: 'string', op: 'startsWith', value: 'Star' }, true],
      [{ type: 'property', field: 'channel', valueType: 'string', op: 'notExists' }, true],
    ],
    { event: { amount: 150, merchant: 'Star Coffee' } },
  ),
  ...customer(
    'no trigger event',
    {},
    [],
    [
      [amount('gt', 100), false],
      [amount('notExists'), true],
    ],
  ),
  // login: 1 h, 25 h, 0 h ago count for 7 days, the future one never, exactly 7 days ago not, 7 days - 1 ms yes.
  ...customer(
    'event history',
    {},
    [],
    [
      [count('login', 7, 'eq', 4), true],
      [count('login', 7, 'gt', 4), false],
      [count('login', 7, 'gte', 4), true],
      [count('login', 7, 'lt', 5), true],
      [count('login', 7, 'lte', 3), false],
      [count('login', 7, 'neq', 4), false],
      [count('login', 1, 'eq', 2), true],
      [count('Login', 30, 'eq', 0), true],
      [count('deposit', 30, 'gte', 1), false],
      [count('card_txn', 30, 'eq', 4), true],
      [count('card_txn', 60, 'eq', 5), true],
      [count('card_txn', 30, 'eq', 1, amount('gt', 100)), true],
      [count('card_txn', 30, 'eq', 2, amount('notExists')), true],
      [count('card_txn', 30, 'eq', 3, { type: 'not', condition: amount('gte', 100) }), true],
      [count('card_txn', 30, 'eq', 4, { type: 'all', conditions: [] }), true],
      [count('card_txn', 30, 'eq', 0, { type: 'any', conditions: [] }), true],
    ],
    { history },
  ),
];
