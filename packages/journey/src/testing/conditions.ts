import type { Condition, EventCondition } from '@waymark/conditions';
import fc from 'fast-check';

const attributeLeaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    type: fc.constant('attribute' as const),
    field: fc.constantFrom('age', 'balance', 'campaign'),
    valueType: fc.constant('number' as const),
    op: fc.constantFrom(
      'eq' as const,
      'neq' as const,
      'gt' as const,
      'gte' as const,
      'lt' as const,
      'lte' as const,
    ),
    value: fc.integer({ min: -1000, max: 100_000 }),
  }),
  fc.record({
    type: fc.constant('attribute' as const),
    field: fc.constantFrom('job', 'marital', 'education'),
    valueType: fc.constant('string' as const),
    op: fc.constant('in' as const),
    value: fc.uniqueArray(fc.constantFrom('admin.', 'technician', 'married', 'single', 'tertiary'), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
  fc.record({
    type: fc.constant('tag' as const),
    op: fc.constantFrom('has' as const, 'notHas' as const),
    tag: fc.constantFrom('vip', 'wealth-holder', 'credit-card'),
  }),
  fc.record({
    type: fc.constant('eventCount' as const),
    event: fc.constantFrom('card_txn', 'app_login'),
    withinDays: fc.integer({ min: 1, max: 365 }),
    op: fc.constantFrom('gte' as const, 'eq' as const),
    count: fc.integer({ min: 0, max: 10 }),
  }),
);

/** Schema-valid conditions on a customer, at most two levels deep. */
export const arbitraryProfileCondition: fc.Arbitrary<Condition> = fc.oneof(
  attributeLeaf,
  fc.record({
    type: fc.constantFrom('all' as const, 'any' as const),
    conditions: fc.array(attributeLeaf, { maxLength: 3 }),
  }),
  fc.record({ type: fc.constant('not' as const), condition: attributeLeaf }),
);

const propertyLeaf: fc.Arbitrary<EventCondition> = fc.oneof(
  fc.record({
    type: fc.constant('property' as const),
    field: fc.constantFrom('amount', 'balance_after'),
    valueType: fc.constant('number' as const),
    op: fc.constantFrom('gte' as const, 'lt' as const),
    value: fc.integer({ min: 0, max: 1_000_000 }),
  }),
  fc.record({
    type: fc.constant('property' as const),
    field: fc.constantFrom('product', 'channel'),
    valueType: fc.constant('string' as const),
    op: fc.constant('eq' as const),
    value: fc.constantFrom('wealth', 'fund', 'app'),
  }),
);

/** Schema-valid conditions on an event's properties. */
export const arbitraryEventCondition: fc.Arbitrary<EventCondition> = fc.oneof(
  propertyLeaf,
  fc.record({ type: fc.constant('all' as const), conditions: fc.array(propertyLeaf, { maxLength: 3 }) }),
);
