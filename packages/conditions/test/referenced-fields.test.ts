import { describe, expect, it } from 'vitest';
import { referencedFields } from '../src/referenced-fields.ts';

describe('referencedFields', () => {
  it('lists what a condition reads, with the widest window per counted event', () => {
    expect(
      referencedFields({
        type: 'all',
        conditions: [
          { type: 'attribute', field: 'balance', valueType: 'number', op: 'gt', value: 1 },
          { type: 'not', condition: { type: 'tag', op: 'has', tag: 'vip' } },
          { type: 'property', field: 'amount', valueType: 'number', op: 'exists' },
          {
            type: 'any',
            conditions: [
              { type: 'eventCount', event: 'login', withinDays: 7, op: 'gte', count: 1 },
              {
                type: 'eventCount',
                event: 'login',
                withinDays: 30,
                op: 'eq',
                count: 0,
                // Properties inside a count belong to the counted events, not the trigger.
                where: { type: 'property', field: 'channel', valueType: 'string', op: 'eq', value: 'app' },
              },
              { type: 'attribute', field: 'balance', valueType: 'number', op: 'lt', value: 9 },
            ],
          },
        ],
      }),
    ).toEqual({
      attributes: ['balance'],
      tags: ['vip'],
      triggerProperties: ['amount'],
      events: [{ event: 'login', withinDays: 30 }],
    });
  });
});
