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

async function batch(customers: unknown[], headers = planner) {
  return t.app.inject({ method: 'POST', url: '/api/v1/customers/batch', headers, payload: { customers } });
}

describe('customer e-mail addresses over the API', () => {
  it('accepts an address lower-cased and stores it encrypted; refuses one that is not an address', async () => {
    const ok = await batch([
      { id: 'E100001', name: '王秀英', phone: '13812345678', email: ' Wang.XiuYing@Example.CN ' },
      { id: 'E100002', name: '李娜' },
    ]);
    expect(ok.statusCode).toBe(200);
    const [row] = await t.testDb.db.orm
      .select()
      .from(schema.customers)
      .where(eq(schema.customers.id, 'E100001'));
    expect(row?.emailEnc).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toMatch(/xiuying/i);

    const bad = await batch([{ id: 'E100003', email: 'wang at example.cn' }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      {
        path: 'body.customers.0.email',
        message: 'an e-mail address such as name@example.cn',
      },
    ]);
  });

  it('masks the address in lists and for roles that may not see PII, shows it where the phone is shown', async () => {
    const list = await t.app.inject({ url: '/api/v1/customers', query: { q: 'E1000' }, headers: planner });
    const items = list.json().items as { id: string; email: string | null; phone: string | null }[];
    expect(items.find((c) => c.id === 'E100001')).toMatchObject({
      email: 'w***@example.cn',
      phone: '138****5678',
    });
    expect(items.find((c) => c.id === 'E100002')?.email).toBeNull();

    const masked = await t.app.inject({ url: '/api/v1/customers/E100001', headers: planner });
    expect(masked.json().customer).toMatchObject({ email: 'w***@example.cn', piiMasked: true });

    const admin = await t.signIn('admin');
    const clear = await t.app.inject({ url: '/api/v1/customers/E100001', headers: admin });
    expect(clear.json().customer).toMatchObject({
      email: 'wang.xiuying@example.cn',
      phone: '13812345678',
      piiMasked: false,
    });
    const adminList = await t.app.inject({ url: '/api/v1/customers', query: { q: 'E1000' }, headers: admin });
    expect(adminList.json().items[0].email).toBe('w***@example.cn');
  });

  it('clears the address with null and keeps it when left out', async () => {
    const admin = await t.signIn('admin');
    await batch([{ id: 'E100001', tags: ['wealth'] }]);
    let profile = await t.app.inject({ url: '/api/v1/customers/E100001', headers: admin });
    expect(profile.json().customer.email).toBe('wang.xiuying@example.cn');
    await batch([{ id: 'E100001', email: null }]);
    profile = await t.app.inject({ url: '/api/v1/customers/E100001', headers: admin });
    expect(profile.json().customer.email).toBeNull();
  });

  it('imports an email column and reports a bad address with the row', async () => {
    const csv = ['id,name,email,age', 'E200001,赵六,Zhao.Liu@163.COM,41', 'E200002,钱七,qian@,30', ''].join(
      '\n',
    );
    const response = await importCsv(t.app, planner, csv, { fileName: 'emails.csv' });
    expect(response.statusCode).toBe(202);
    const { importId } = response.json();
    const progress = await t.app.inject({ url: `/api/v1/imports/${importId}`, headers: planner });
    expect(progress.json()).toMatchObject({ status: 'completed', rowsAccepted: 1, rowsRejected: 1 });
    const rejections = await t.app.inject({
      url: `/api/v1/imports/${importId}/rejections`,
      headers: planner,
    });
    expect(rejections.json().items[0]).toMatchObject({
      rowNumber: 2,
      code: 'bad_email',
      raw: 'E200002,***,***,30',
    });

    const admin = await t.signIn('admin');
    const profile = await t.app.inject({ url: '/api/v1/customers/E200001', headers: admin });
    expect(profile.json().customer).toMatchObject({ email: 'zhao.liu@163.com', attributes: { age: 41 } });
  });
});
