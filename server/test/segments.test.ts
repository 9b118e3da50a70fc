import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
let planner: { cookie: string };

const wealthy = {
  type: 'all',
  conditions: [
    { type: 'attribute', field: 'balance', valueType: 'number', op: 'gte', value: 50000 },
    { type: 'tag', op: 'has', tag: 'vip' },
  ],
};

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => new Date('2026-03-10T00:00:00Z') } });
  planner = await t.signIn('planner');
  const customers = Array.from({ length: 30 }, (_, i) => ({
    id: `S${String(i + 1).padStart(3, '0')}`,
    name: `客户${i + 1}号`,
    phone: `1390000${String(i + 1).padStart(4, '0')}`,
    attributes: { balance: i * 5000, age: 20 + i },
    tags: i % 2 === 0 ? ['vip'] : [],
  }));
  const batch = await t.app.inject({
    method: 'POST',
    url: '/api/v1/customers/batch',
    headers: planner,
    payload: { customers },
  });
  expect(batch.statusCode).toBe(200);
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: planner,
    payload: {
      events: [1, 2, 3].map((n) => ({
        eventId: `login-${n}`,
        customerId: 'S001',
        name: 'app_login',
        occurredAt: `2026-03-0${n}T08:00:00Z`,
      })),
    },
  });
});
afterAll(() => t.close());

// Customers S001…S030 have balance (i-1)*5000 and the vip tag on odd numbers: balance ≥ 50,000
// means S011…S030, and vip among them S011, S013, …, S029 → 10 customers.
const expectedWealthy = Array.from({ length: 10 }, (_, k) => `S${String(11 + 2 * k).padStart(3, '0')}`);

describe('POST /segments/preview', () => {
  it('counts the matching customers and shows 10 of them with PII masked', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments/preview',
      headers: planner,
      payload: { condition: wealthy },
    });
    expect(response.statusCode).toBe(200);
    const { count, sample } = response.json();
    expect(count).toBe(10);
    expect(sample.map((c: { id: string }) => c.id)).toEqual(expectedWealthy);
    expect(sample[0]).toMatchObject({ name: '客***号', piiMasked: true });
    expect(sample[0].phone).toMatch(/^139\*+\d{4}$/);
  });

  it('counts by event history', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments/preview',
      headers: planner,
      payload: { condition: { type: 'eventCount', event: 'app_login', withinDays: 30, op: 'gte', count: 3 } },
    });
    expect(response.json()).toMatchObject({ count: 1, sample: [{ id: 'S001' }] });
  });

  it('explains a broken condition in words, with where it is', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments/preview',
      headers: planner,
      payload: {
        condition: { type: 'attribute', field: 'balance', valueType: 'number', op: 'gte', value: 'lots' },
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('segment.invalid-condition');
    expect(response.json().errors[0].path).toBe('body.condition.value');
    expect(response.json().errors[0].message).toMatch(/number/);
  });

  it('refuses a condition on a single event’s properties, which a segment cannot have', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments/preview',
      headers: planner,
      payload: { condition: { type: 'property', field: 'amount', valueType: 'number', op: 'gt', value: 1 } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('segment.invalid-condition');
  });
});

describe('segments CRUD', () => {
  it('saves, lists with a summary in words, updates and archives a segment', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: planner,
      payload: { name: '高净值VIP', condition: wealthy },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect(created.json().summaryEn).toContain('vip');

    const list = await t.app.inject({ url: '/api/v1/segments', headers: await t.signIn('analyst') });
    expect(list.json().items.map((s: { id: string }) => s.id)).toContain(id);

    const customers = await t.app.inject({
      url: '/api/v1/customers',
      query: { segmentId: id, limit: '100' },
      headers: planner,
    });
    expect(customers.json().items.map((c: { id: string }) => c.id)).toEqual(expectedWealthy);

    const updated = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/segments/${id}`,
      headers: planner,
      payload: { name: '高净值', condition: wealthy.conditions[0] },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().name).toBe('高净值');

    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/segments/${id}`, headers: planner })).statusCode,
    ).toBe(204);
    const after = await t.app.inject({ url: '/api/v1/segments', headers: planner });
    expect(after.json().items.map((s: { id: string }) => s.id)).not.toContain(id);
  });

  it('filters the customer list by an ad-hoc condition', async () => {
    const condition = JSON.stringify({
      type: 'attribute',
      field: 'age',
      valueType: 'number',
      op: 'lt',
      value: 23,
    });
    const response = await t.app.inject({ url: '/api/v1/customers', query: { condition }, headers: planner });
    expect(response.json().items.map((c: { id: string }) => c.id)).toEqual(['S001', 'S002', 'S003']);
    const broken = await t.app.inject({
      url: '/api/v1/customers',
      query: { condition: '{"type":' },
      headers: planner,
    });
    expect(broken.statusCode).toBe(400);
  });

  it('refuses to save an invalid condition and writes nothing', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: planner,
      payload: { name: 'broken', condition: { type: 'nonsense' } },
    });
    expect(response.statusCode).toBe(400);
    const list = await t.app.inject({ url: '/api/v1/segments', query: { q: 'broken' }, headers: planner });
    expect(list.json().items).toEqual([]);
  });

  it('answers 404 for unknown segments and 403 to analysts writing', async () => {
    const missing = await t.app.inject({ url: '/api/v1/segments/nope', headers: planner });
    expect(missing.json().code).toBe('segment.not-found');
    const analyst = await t.signIn('analyst');
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: analyst,
      payload: { name: 'x', condition: wealthy },
    });
    expect(write.statusCode).toBe(403);
  });
});
