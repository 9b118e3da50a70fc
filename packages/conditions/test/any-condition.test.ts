import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConditionError } from '../src/errors.ts';
import { evaluate } from '../src/evaluate.ts';
import { conditionSchema } from '../src/schema.ts';
import { arbitraryAnyCondition } from '../src/testing.ts';
import { toSql } from '../src/to-sql.ts';
import { allCases } from './support/all-cases.ts';
import { createTestDatabase, insertCustomers, insertEvents, type TestDatabase } from './support/database.ts';
import { now } from './support/edge-cases.ts';

// Odd conditions (extreme numbers, any Unicode, every date spelling, random names) over odd
// customers (the edge-case rows): nothing throws, Postgres raises no error, and both sides agree.
const names = {
  fields: ['v', 'amount', 'a.b', '__proto__', 'constructor'],
  tags: ['vip', 'homeowner'],
  events: ['login', 'card_txn'],
};
const customers = allCases.map((c) => ({
  id: c.id,
  context: {
    customer: { attributes: c.attributes as Record<string, unknown>, tags: c.tags },
    event: c.event && { name: '__trigger__', properties: c.event, occurredAt: now },
    events: c.history,
    now,
  },
}));

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertCustomers(
    db.client,
    allCases.map((c) => ({ id: c.id, attributes: c.attributes, tags: c.tags })),
  );
  await insertEvents(db.client, [
    ...allCases.flatMap((c) =>
      c.event ? [{ customerId: c.id, name: '__trigger__', properties: c.event, occurredAt: now }] : [],
    ),
    ...allCases.flatMap((c) => c.history.map((e) => ({ customerId: c.id, ...e }))),
  ]);
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe('any schema-valid condition', () => {
  it('evaluates and compiles without throwing; compiling without eventAlias fails only for trigger-event leaves', () => {
    fc.assert(
      fc.property(arbitraryAnyCondition(names), (condition) => {
        expect(conditionSchema.safeParse(condition).success).toBe(true);
        for (const { context } of customers.slice(0, 20)) evaluate(condition, context);
        toSql(condition, { now, eventAlias: 'e', paramOffset: 3 });
        const usesTrigger =
          JSON.stringify(condition).includes('"type":"property"') && hasTopLevelProperty(condition);
        try {
          toSql(condition, { now });
          expect(usesTrigger).toBe(false);
        } catch (error) {
          expect(error).toBeInstanceOf(ConditionError);
          expect((error as ConditionError).code).toBe('EVENT_ALIAS_REQUIRED');
          expect(usesTrigger).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('selects in Postgres exactly the edge-case customers evaluate accepts', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryAnyCondition(names), async (condition) => {
        const sql = toSql(condition, { now, eventAlias: 'e' });
        const result = await db.client.query<{ id: string }>(
          `SELECT c.id FROM customers c LEFT JOIN events e ON e.customer_id = c.id AND e.name = '__trigger__' WHERE ${sql.text} ORDER BY c.id`,
          sql.values,
        );
        const inJs = customers.filter((c) => evaluate(condition, c.context)).map((c) => c.id);
        expect(result.rows.map((r) => r.id)).toEqual(inJs);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

function hasTopLevelProperty(condition: unknown): boolean {
  if (condition === null || typeof condition !== 'object') return false;
  const node = condition as { type?: string; conditions?: unknown[]; condition?: unknown };
  if (node.type === 'property') return true;
  if (node.type === 'eventCount') return false;
  return (node.conditions ?? []).some(hasTopLevelProperty) || hasTopLevelProperty(node.condition);
}
