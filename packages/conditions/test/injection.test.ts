import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConditionError } from '../src/errors.ts';
import { parseCondition } from '../src/parse.ts';
import type { Condition } from '../src/schema.ts';
import { toSql } from '../src/to-sql.ts';
import { createTestDatabase, insertCustomers, insertEvents, type TestDatabase } from './support/database.ts';

// Whatever a planner (or an attacker) types ends up as a bound parameter, never as SQL text.
const now = new Date('2026-11-23T06:00:00Z');
const attacks = [
  "'; drop table customers; --",
  "x') OR 1=1 --",
  '$1',
  "\\'; drop table events; --",
  '"; delete from customers; --',
  "admin.' UNION SELECT id FROM customers --",
];

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertCustomers(db.client, [
    { id: 'C1', attributes: { job: 'admin.', balance: 100, note: "it's fine" }, tags: ['vip'] },
    { id: 'C2', attributes: { job: 'technician', balance: 5 }, tags: [] },
  ]);
  await insertEvents(db.client, [
    { customerId: 'C1', name: 'login', properties: { channel: 'app' }, occurredAt: now },
  ]);
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

async function matching(condition: Condition): Promise<string[]> {
  const sql = toSql(condition, { now });
  // ("$1" itself is of course a placeholder in the text.)
  for (const attack of attacks.filter((a) => a !== '$1')) expect(sql.text).not.toContain(attack);
  const result = await db.client.query<{ id: string }>(
    `SELECT id FROM customers c WHERE ${sql.text} ORDER BY id`,
    sql.values,
  );
  return result.rows.map((r) => r.id);
}

describe('SQL injection', () => {
  it.each(attacks)('value %j is a parameter: it matches nothing and both tables survive', async (attack) => {
    const leaves: Condition[] = [
      { type: 'attribute', field: 'job', valueType: 'string', op: 'eq', value: attack },
      { type: 'attribute', field: 'job', valueType: 'string', op: 'contains', value: attack },
      { type: 'attribute', field: 'job', valueType: 'string', op: 'startsWith', value: attack },
      { type: 'attribute', field: 'job', valueType: 'string', op: 'in', value: [attack, 'nobody'] },
      { type: 'tag', op: 'has', tag: attack },
      {
        type: 'eventCount',
        event: 'login',
        withinDays: 7,
        op: 'gte',
        count: 1,
        where: { type: 'property', field: 'channel', valueType: 'string', op: 'eq', value: attack },
      },
    ];
    for (const leaf of leaves) {
      expect(parseCondition(leaf).ok).toBe(true);
      expect(await matching(leaf)).toEqual([]);
      expect(await matching({ type: 'not', condition: leaf })).toEqual(['C1', 'C2']);
    }
    const counts = await db.client.query(
      'SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM events) AS events',
    );
    expect(counts.rows[0]).toEqual({ customers: '2', events: '1' });
  });

  it('binds field and event names too, even ones the schema would refuse', async () => {
    for (const attack of attacks) {
      expect(parseCondition({ type: 'attribute', field: attack, valueType: 'number', op: 'exists' }).ok).toBe(
        false,
      );
      // Straight to toSql, skipping validation: still only a parameter.
      expect(
        await matching({ type: 'attribute', field: attack, valueType: 'number', op: 'exists' } as Condition),
      ).toEqual([]);
      expect(
        await matching({ type: 'eventCount', event: attack, withinDays: 7, op: 'gte', count: 1 }),
      ).toEqual([]);
    }
    expect(
      await matching({ type: 'attribute', field: 'balance', valueType: 'number', op: 'gt', value: 10 }),
    ).toEqual(['C1']);
  });

  it('refuses aliases and table names that are not plain SQL names', () => {
    const condition: Condition = { type: 'tag', op: 'has', tag: 'vip' };
    for (const bad of ['c; drop table customers', 'C', '"c"', 'c.attributes', 'wm_e', '']) {
      expect(() => toSql(condition, { now, customerAlias: bad })).toThrow(ConditionError);
    }
    expect(() => toSql(condition, { now, eventsTable: 'events; drop table x' })).toThrow(
      expect.objectContaining({ code: 'INVALID_SQL_OPTION' }),
    );
    expect(toSql(condition, { now, customerAlias: 'cust', eventsTable: 'tenant_1.events' }).text).toContain(
      'cust.tags',
    );
  });
});
