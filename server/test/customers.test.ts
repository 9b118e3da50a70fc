import { schema } from '@waymark/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from './support/imports.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
let planner: { cookie: string };
beforeAll(async () => {
  t = await createTestApp();
  planner = await t.signIn('planner');
});
afterAll(() => t.close());

const zhang = {
  id: 'C100001',
  name: '张小三',
  phone: '13812345678',
  idNumber: '110101199003071234',
  attributes: { age: 35, balance: 52000, job: 'management' },
  tags: ['vip'],
  consent: { sms: true },
  branch: 'BJ-01',
};

async function batch(customers: unknown[], headers = planner) {
  return t.app.inject({ method: 'POST', url: '/api/v1/customers/batch', headers, payload: { customers } });
}

describe('POST /customers/batch', () => {
  it('creates customers, then updates them (merging attributes), and stores PII encrypted', async () => {
    const first = await batch([zhang, { id: 'C100002', name: '李娜', phone: '13900001111', tags: [] }]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ inserted: 2, updated: 0 });

    const second = await batch([{ id: 'C100001', attributes: { balance: 60000 } }]);
    expect(second.json()).toEqual({ inserted: 0, updated: 1 });

    const profile = await t.app.inject({ url: '/api/v1/customers/C100001', headers: planner });
    expect(profile.json().customer.attributes).toEqual({ age: 35, balance: 60000, job: 'management' });

    const [row] = await t.testDb.db.orm
      .select()
      .from(schema.customers)
      .where(eq(schema.customers.id, 'C100001'));
    expect(row?.nameEnc).not.toContain('张');
    expect(row?.phoneEnc).not.toContain('13812345678');
  });

  it('refuses more than 10,000 customers with 413 customer.batch-too-large and stores none', async () => {
    const customers = Array.from({ length: 10_001 }, (_, i) => ({ id: `BIG${i}` }));
    const response = await batch(customers);
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('customer.batch-too-large');
    expect(response.json().detail).toContain('10,000');
    const stored = await t.testDb.db.query('SELECT 1 FROM customers WHERE id LIKE $1', ['BIG%']);
    expect(stored).toHaveLength(0);
  });

  it('accepts exactly 10,000 customers', async () => {
    const customers = Array.from({ length: 10_000 }, (_, i) => ({
      id: `MAX${String(i).padStart(5, '0')}`,
      tags: ['bulk'],
    }));
    const response = await batch(customers);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ inserted: 10_000, updated: 0 });
  });

  it('rejects the whole batch when one customer is invalid, naming the field', async () => {
    const response = await batch([{ id: 'C200001' }, { id: 'C200002', phone: '123' }]);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'body.customers.1.phone', message: 'a phone number has 7 to 15 digits' },
    ]);
    const stored = await t.testDb.db.query('SELECT 1 FROM customers WHERE id = $1', ['C200001']);
    expect(stored).toHaveLength(0);
  });

  it('is refused to an analyst (read-only role)', async () => {
    const response = await batch([{ id: 'C300001' }], await t.signIn('analyst'));
    expect(response.statusCode).toBe(403);
  });
});

describe('GET /customers', () => {
  it('finds by id prefix and by phone in any notation, with PII masked', async () => {
    const byPrefix = await t.app.inject({
      url: '/api/v1/customers',
      query: { q: 'C10000' },
      headers: planner,
    });
    expect(byPrefix.statusCode).toBe(200);
    expect(byPrefix.json().items.map((c: { id: string }) => c.id)).toEqual(['C100001', 'C100002']);
    const first = byPrefix.json().items[0];
    expect(first).toMatchObject({ name: '张*三', phone: '138****5678', piiMasked: true });
    expect(first.idNumber).not.toContain('19900307');

    const byPhone = await t.app.inject({
      url: '/api/v1/customers',
      query: { q: '+86 139-0000-1111' },
      headers: planner,
    });
    expect(byPhone.json().items.map((c: { id: string }) => c.id)).toEqual(['C100002']);
    expect(byPhone.json().items[0].name).toBe('李*');
  });

  it('masks PII in lists even for roles that may see it on a profile', async () => {
    const rm = await t.signIn('relationship-manager');
    const list = await t.app.inject({ url: '/api/v1/customers', query: { q: 'C100001' }, headers: rm });
    expect(list.json().items[0].name).toBe('张*三');
  });

  it('filters by tag and pages with a cursor without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { tag: 'bulk', limit: '400', ...(cursor ? { cursor } : {}) };
      const response = await t.app.inject({ url: '/api/v1/customers', query, headers: planner });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      seen.push(...body.items.map((c: { id: string }) => c.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(seen).toHaveLength(10_000);
    expect(new Set(seen).size).toBe(10_000);
    expect(pages).toBe(25);
  });
});

describe('GET /customers/:id', () => {
  it('shows the profile masked to a planner, with the timeline of events', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: planner,
      payload: {
        events: [
          {
            eventId: 'e-1',
            customerId: 'C100001',
            name: 'large_deposit',
            properties: { amount: 80000 },
            occurredAt: '2026-03-01T10:00:00Z',
          },
          { eventId: 'e-2', customerId: 'C100001', name: 'app_login', occurredAt: '2026-03-02T08:00:00Z' },
        ],
      },
    });
    const response = await t.app.inject({ url: '/api/v1/customers/C100001', headers: planner });
    expect(response.statusCode).toBe(200);
    const { customer, timeline } = response.json();
    expect(customer).toMatchObject({
      id: 'C100001',
      name: '张*三',
      phone: '138****5678',
      piiMasked: true,
      tags: ['vip'],
    });
    expect(customer.consent).toEqual({ sms: true });
    expect(timeline.items.map((i: { name: string }) => i.name)).toEqual(['app_login', 'large_deposit']);
    expect(timeline.items[1]).toMatchObject({ kind: 'event', properties: { amount: 80000 } });
  });

  it('shows PII in clear to the customer’s own relationship manager only, and audits that view', async () => {
    const rm = await t.signIn('relationship-manager');
    const me = (await t.app.inject({ url: '/api/v1/auth/me', headers: rm })).json();
    await batch([{ id: 'C100001', rmUserId: me.user.id }]);

    const own = await t.app.inject({ url: '/api/v1/customers/C100001', headers: rm });
    expect(own.json().customer).toMatchObject({
      name: '张小三',
      phone: '13812345678',
      idNumber: '110101199003071234',
      piiMasked: false,
    });
    const notOwn = await t.app.inject({ url: '/api/v1/customers/C100002', headers: rm });
    expect(notOwn.json().customer).toMatchObject({ name: '李*', piiMasked: true });

    const admin = await t.signIn('admin');
    const asAdmin = await t.app.inject({ url: '/api/v1/customers/C100002', headers: admin });
    expect(asAdmin.json().customer).toMatchObject({ name: '李娜', piiMasked: false });

    const audit = await t.testDb.db.orm
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, 'customer.pii-viewed'));
    expect(audit.map((a) => [a.subjectId, a.actorUserId])).toContainEqual(['C100001', me.user.id]);
    expect(audit.map((a) => a.subjectId)).not.toContain(undefined);
    expect(audit.filter((a) => a.actorUserId === me.user.id).map((a) => a.subjectId)).toEqual(['C100001']);
  });

  it('answers 404 customer.not-found for an unknown id', async () => {
    const response = await t.app.inject({ url: '/api/v1/customers/C999999', headers: planner });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('customer.not-found');
  });

  it('answers 400 for a forged timeline cursor', async () => {
    const response = await t.app.inject({
      url: '/api/v1/customers/C100001',
      query: { timelineCursor: 'bm90LWEtY3Vyc29y' },
      headers: planner,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('request.invalid-cursor');
  });
});

describe('POST /customers/import', () => {
  it('imports a CSV in the background: 202, then progress and the imported customers', async () => {
    const csv = [
      'id,name,phone,age,segment',
      'K0001,王芳,13700000001,41,mass',
      'K0002,赵六,13700000002,29,affluent',
      '',
    ].join('\n');
    const response = await importCsv(t.app, planner, csv, { fileName: 'march.csv' });
    expect(response.statusCode).toBe(202);
    const { importId } = response.json();

    const progress = await t.app.inject({ url: `/api/v1/imports/${importId}`, headers: planner });
    expect(progress.json()).toMatchObject({
      status: 'completed',
      fileName: 'march.csv',
      rowsRead: 2,
      rowsAccepted: 2,
      rowsRejected: 0,
      error: null,
    });
    const profile = await t.app.inject({ url: '/api/v1/customers/K0002', headers: planner });
    expect(profile.json().customer).toMatchObject({
      name: '赵*',
      attributes: { age: 29, segment: 'affluent' },
    });
  });

  it('gives ids from row numbers when the file has no id column', async () => {
    const csv = 'age;job\n58;management\n44;technician\n';
    const response = await importCsv(t.app, planner, csv, { idPrefix: 'B', idWidth: '4', delimiter: ';' });
    expect(response.statusCode).toBe(202);
    const profile = await t.app.inject({ url: '/api/v1/customers/B0002', headers: planner });
    expect(profile.json().customer.attributes).toEqual({ age: 44, job: 'technician' });
  });

  it('answers 404 for an unknown import', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      const response = await t.app.inject({ url: `/api/v1/imports/${id}`, headers: planner });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('import.not-found');
    }
  });
});
