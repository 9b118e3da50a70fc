import { schema } from '@waymark/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
let planner: { cookie: string };
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => new Date('2026-03-10T02:00:00Z') } });
  planner = await t.signIn('planner');
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/customers/batch',
    headers: planner,
    payload: {
      customers: [{ id: 'C000001', name: '张小三', phone: '13812345678', attributes: { balance: 52000 } }],
    },
  });
});
afterAll(() => t.close());

const offer = {
  name: '大额存款理财推荐',
  channel: 'sms',
  body: '{{customer.name}}您好，您的账户余额为{{attributes.balance}}元，推荐我行稳健理财。',
};

async function create(payload: Record<string, unknown> = offer) {
  return t.app.inject({ method: 'POST', url: '/api/v1/templates', headers: planner, payload });
}

describe('templates CRUD', () => {
  it('creates a template and reads it back with the variables it uses', async () => {
    const created = await create();
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: offer.name, channel: 'sms', locale: 'zh-CN', revision: 1 });
    expect(created.json().variables).toEqual(['attributes.balance', 'customer.name']);
    const fetched = await t.app.inject({ url: `/api/v1/templates/${created.json().id}`, headers: planner });
    expect(fetched.json().body).toBe(offer.body);
    const list = await t.app.inject({
      url: '/api/v1/templates',
      query: { channel: 'sms', q: '理财' },
      headers: planner,
    });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(created.json().id);
  });

  it('refuses a script with a syntax error, locating it by line and column', async () => {
    const response = await create({ ...offer, body: '您好\n{{#if customer.name}}尊敬的客户' });
    expect(response.statusCode).toBe(422);
    const problem = response.json();
    expect(problem.code).toBe('template.invalid');
    expect(problem.problems[0]).toMatchObject({ field: 'body', code: 'template.syntax' });
    expect(problem.problems[0].line).toBeGreaterThanOrEqual(2);
    expect(problem.errors[0].path).toBe('body.body');
  });

  it('saves with the loaded revision, and answers 409 with the current revision to a stale tab', async () => {
    const { id } = (await create()).json();
    const tabA = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/templates/${id}`,
      headers: planner,
      payload: { ...offer, body: '{{customer.name}}您好，A', revision: 1 },
    });
    expect(tabA.statusCode).toBe(200);
    expect(tabA.json().revision).toBe(2);

    const tabB = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/templates/${id}`,
      headers: planner,
      payload: { ...offer, body: '{{customer.name}}您好，B', revision: 1 },
    });
    expect(tabB.statusCode).toBe(409);
    expect(tabB.json()).toMatchObject({ code: 'template.revision-conflict', currentRevision: 2 });
    const stored = await t.app.inject({ url: `/api/v1/templates/${id}`, headers: planner });
    expect(stored.json().body).toBe('{{customer.name}}您好，A');

    const audit = await t.testDb.db.orm
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subjectId, id));
    expect(audit.map((a) => a.action)).toEqual(['template.created', 'template.updated']);
  });

  it('archives a template: hidden from the list, still readable by id', async () => {
    const { id } = (await create({ ...offer, name: 'to archive' })).json();
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/templates/${id}`, headers: planner })).statusCode,
    ).toBe(204);
    const list = await t.app.inject({ url: '/api/v1/templates', headers: planner });
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    const archived = await t.app.inject({ url: `/api/v1/templates/${id}`, headers: planner });
    expect(archived.json().archivedAt).not.toBeNull();
  });

  it('answers 404 for unknown templates and 403 to an analyst writing', async () => {
    const missing = await t.app.inject({
      url: '/api/v1/templates/00000000-0000-4000-8000-000000000000',
      headers: planner,
    });
    expect(missing.json().code).toBe('template.not-found');
    const analyst = await t.signIn('analyst');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/templates', headers: analyst, payload: offer }))
        .statusCode,
    ).toBe(403);
  });
});

describe('POST /templates/preview', () => {
  it('fills a script for a real customer, with PII masked for a planner, and counts SMS parts', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/templates/preview',
      headers: planner,
      payload: { body: offer.body, customerId: 'C000001' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      ok: true,
      text: '张*三您好，您的账户余额为52000元，推荐我行稳健理财。',
      sms: { encoding: 'UCS-2', segments: 1 },
    });
  });

  it('fills a saved template with sample values and event properties', async () => {
    const { id } = (await create({ ...offer, body: '{{customer.name}}，您刚存入{{event.amount}}元' })).json();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/templates/preview',
      headers: planner,
      payload: { templateId: id, sample: { name: '李娜' }, event: { amount: 80000 } },
    });
    expect(response.json()).toMatchObject({ ok: true, text: '李娜，您刚存入80000元' });
  });

  it('answers a syntax error with its line and column', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/templates/preview',
      headers: planner,
      payload: { body: 'Hello\n  {{customer.name', sample: { name: 'A' } },
    });
    expect(response.statusCode).toBe(200);
    const { ok, error } = response.json();
    expect(ok).toBe(false);
    expect(error.code).toBe('template.syntax');
    expect(error.line).toBe(2);
    expect(error.column).toBeGreaterThan(0);
  });

  it('reports a variable the sample does not have', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/templates/preview',
      headers: planner,
      payload: { body: '余额{{attributes.balance}}', sample: {} },
    });
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'template.missing-variable' } });
  });

  it('needs exactly one of body and templateId', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/templates/preview',
      headers: planner,
      payload: {},
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body.body');
  });
});
