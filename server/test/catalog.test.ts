import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
let planner: { cookie: string };

interface Field {
  name: string;
  valueType: string;
  seen: number;
  options?: string[];
}
interface Catalog {
  attributes: Field[];
  tags: { name: string; seen: number }[];
  events: { name: string; seen: number; properties: Field[] }[];
  sampled: { customers: number; events: number };
}

const customerCount = 10_000;

async function catalog(headers = planner): Promise<Catalog> {
  const response = await t.app.inject({ url: '/api/v1/catalog/fields', headers });
  expect(response.statusCode).toBe(200);
  return response.json();
}

const field = (fields: Field[], name: string) => fields.find((candidate) => candidate.name === name);

beforeAll(async () => {
  t = await createTestApp();
  planner = await t.signIn('planner');
  const db = t.testDb.db;
  // A bank whose profiles are not the demo data set's: other keys, a date, a flag, a nested object.
  await db.query(
    `INSERT INTO customers (id, attributes, tags)
     SELECT 'K' || i,
       jsonb_build_object(
         'assets', i * 10,
         'segment', (ARRAY['mass', 'affluent', 'private'])[1 + i % 3],
         'onboarded_on', '2024-' || lpad((1 + i % 12)::text, 2, '0') || '-15',
         'has_mortgage', i % 2 = 0,
         'nickname', 'n' || i,
         'address', jsonb_build_object('city', 'Shanghai')
       ),
       CASE WHEN i % 10 = 0 THEN ARRAY['vip', 'payroll'] WHEN i % 3 = 0 THEN ARRAY['payroll'] ELSE ARRAY[]::text[] END
     FROM generate_series(1, $1) AS i`,
    [customerCount],
  );
  await db.query(
    `INSERT INTO events (event_id, customer_id, name, properties, occurred_at)
     SELECT 'E' || i, 'K' || i,
       CASE WHEN i % 5 = 0 THEN 'mobile_login' ELSE 'salary_credit' END,
       CASE WHEN i % 5 = 0
         THEN jsonb_build_object('os', (ARRAY['ios', 'android'])[1 + i % 2])
         ELSE jsonb_build_object('amount', 8000 + i, 'currency', 'CNY', 'paid_on', '2025-03-' || lpad((1 + i % 28)::text, 2, '0'))
       END,
       now()
     FROM generate_series(1, 3000) AS i`,
  );
  // Something a careless producer sent: properties that are not an object are skipped, not fatal.
  await db.query(
    `INSERT INTO events (event_id, customer_id, name, properties, occurred_at) VALUES ('odd', 'K1', 'odd_event', '[1, 2]', now())`,
  );
  await db.query('ANALYZE customers; ANALYZE events');
});
afterAll(() => t.close());

describe('GET /catalog/fields', () => {
  it('finds the attributes the customers hold, with their value types', async () => {
    const { attributes } = await catalog();
    expect(field(attributes, 'assets')).toMatchObject({ valueType: 'number' });
    expect(field(attributes, 'has_mortgage')).toMatchObject({ valueType: 'boolean' });
    expect(field(attributes, 'onboarded_on')).toMatchObject({ valueType: 'date' });
    // A text attribute with a few values offers them; one with a value per customer does not.
    expect(field(attributes, 'segment')).toMatchObject({
      valueType: 'string',
      options: ['affluent', 'mass', 'private'],
    });
    expect(field(attributes, 'nickname')).toEqual(expect.objectContaining({ valueType: 'string' }));
    expect(field(attributes, 'nickname')?.options).toBeUndefined();
    // A nested object is no field the condition language can compare.
    expect(field(attributes, 'address')).toBeUndefined();
  });

  it('reads a bounded sample of the customers, not all of them', async () => {
    const { sampled, attributes } = await catalog();
    expect(sampled.customers).toBe(2000);
    // Every sampled customer holds every key here.
    expect(field(attributes, 'assets')?.seen).toBe(2000);
  });

  it('lists tags, the most common first', async () => {
    const { tags } = await catalog();
    expect(tags.map((tag) => tag.name)).toEqual(['payroll', 'vip']);
    expect(tags[0]?.seen).toBeGreaterThan(tags[1]?.seen ?? 0);
  });

  it('lists event names with their properties and types', async () => {
    const { events, sampled } = await catalog();
    expect(events.map((event) => event.name)).toEqual(
      expect.arrayContaining(['salary_credit', 'mobile_login']),
    );
    expect(events[0]?.name).toBe('salary_credit');
    const salary = events.find((event) => event.name === 'salary_credit')?.properties ?? [];
    expect(field(salary, 'amount')).toMatchObject({ valueType: 'number' });
    expect(field(salary, 'currency')).toMatchObject({ valueType: 'string', options: ['CNY'] });
    expect(field(salary, 'paid_on')).toMatchObject({ valueType: 'date' });
    const login = events.find((event) => event.name === 'mobile_login')?.properties ?? [];
    expect(login.map((property) => [property.name, property.valueType, property.options])).toEqual([
      ['os', 'string', ['android', 'ios']],
    ]);
    expect(sampled.events).toBeGreaterThan(0);
    expect(sampled.events).toBeLessThanOrEqual(4000);
  });

  it('answers an empty bank with empty lists', async () => {
    const empty = await createTestApp();
    try {
      const response = await empty.app.inject({
        url: '/api/v1/catalog/fields',
        headers: await empty.signIn('planner'),
      });
      expect(response.json()).toEqual({
        attributes: [],
        tags: [],
        events: [],
        sampled: { customers: 0, events: 0 },
      });
    } finally {
      await empty.close();
    }
  });

  it('needs a signed-in user, and is described in the OpenAPI document', async () => {
    expect((await t.app.inject({ url: '/api/v1/catalog/fields' })).statusCode).toBe(401);
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(spec.paths['/api/v1/catalog/fields']?.get).toBeDefined();
    expect(spec.components.schemas.FieldCatalog).toBeDefined();
  });
});
