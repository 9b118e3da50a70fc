import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../src/crypto/index.ts';
import {
  type Db,
  getCustomer,
  importCustomersCsv,
  listImportRejections,
  maskCustomer,
  maskEmail,
  normalizeEmail,
  searchCustomers,
  upsertCustomers,
} from '../src/index.ts';
import { drivers } from './drivers.ts';

const cipher = createPiiCipher(randomBytes(32));

describe('e-mail addresses', () => {
  it('are trimmed and lower-cased, or refused when they are not addresses', () => {
    expect(normalizeEmail('  Wang.XiuYing@Example.CN ')).toBe('wang.xiuying@example.cn');
    expect(normalizeEmail('li+wealth@bank.example')).toBe('li+wealth@bank.example');
    expect(normalizeEmail('zhang@例子.中国')).toBe('zhang@例子.中国');
    for (const bad of ['wang', 'wang@', '@example.cn', 'wang@example', 'a b@example.cn', 'a..b@example.cn']) {
      expect(normalizeEmail(bad), bad).toBeNull();
    }
  });

  it('are masked to the first letter and the domain', () => {
    expect(maskEmail('wang.xiuying@example.cn')).toBe('w***@example.cn');
    expect(maskEmail('a@qq.com')).toBe('a***@qq.com');
    expect(maskEmail(null)).toBeNull();
  });
});

describe.each(drivers)('customer e-mail on %s', (_driver, open) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await open());
  });
  afterAll(() => drop?.());

  it('is stored encrypted and lower-cased, kept when left out, cleared by null', async () => {
    await upsertCustomers(db, cipher, [
      { id: 'M001', name: '王秀英', phone: '13800138000', email: 'Wang.XiuYing@Example.CN' },
      { id: 'M002', phone: '13900000002' },
    ]);
    const [stored] = await db.query<Record<string, string | null>>(
      'SELECT email_enc FROM customers WHERE id = $1',
      ['M001'],
    );
    expect(stored!.email_enc).toMatch(/^v1\./);
    expect(JSON.stringify(await db.query('SELECT * FROM customers'))).not.toMatch(/xiuying/i);
    expect((await getCustomer(db, cipher, 'M001'))!.email).toBe('wang.xiuying@example.cn');
    expect((await getCustomer(db, cipher, 'M002'))!.email).toBeNull();

    await upsertCustomers(db, cipher, [{ id: 'M001', attributes: { age: 40 } }]);
    expect((await getCustomer(db, cipher, 'M001'))!.email).toBe('wang.xiuying@example.cn');
    await upsertCustomers(db, cipher, [{ id: 'M001', email: null }]);
    expect((await getCustomer(db, cipher, 'M001'))!.email).toBeNull();
  });

  it('refuses an upsert whose address is not one', async () => {
    await expect(upsertCustomers(db, cipher, [{ id: 'M003', email: 'not an address' }])).rejects.toThrow(
      TypeError,
    );
    expect(await getCustomer(db, cipher, 'M003')).toBeNull();
  });

  it('comes back decrypted from a search, and masked with the rest of the PII', async () => {
    await upsertCustomers(db, cipher, [{ id: 'M004', name: '李娜', email: 'lina@163.com' }]);
    const page = await searchCustomers(db, cipher, { q: 'M004' });
    expect(page.items[0]?.email).toBe('lina@163.com');
    expect(maskCustomer(page.items[0]!)).toMatchObject({ name: '李*', email: 'l***@163.com' });
  });
});

describe.each(drivers)('importing e-mail addresses on %s', (_driver, open) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await open());
  });
  afterAll(() => drop?.());

  it('reads the email column, lower-cased, and rejects a row whose address is not one', async () => {
    const csv = [
      'id,name,phone,email,balance',
      'N1,王秀英,13800138000,Wang.XiuYing@Example.CN,1200',
      'N2,李娜,13900000002,,800',
      'N3,张伟,13700000003,zhang wei@example,500',
      '',
    ].join('\n');
    const result = await importCustomersCsv(db, cipher, Readable.from([csv]));
    expect(result).toMatchObject({ status: 'completed', rowsAccepted: 2, rowsRejected: 1 });
    expect(result.columns.map((c) => c.name)).toEqual(['balance']);
    expect((await getCustomer(db, cipher, 'N1'))!.email).toBe('wang.xiuying@example.cn');
    expect((await getCustomer(db, cipher, 'N2'))!.email).toBeNull();
    const items = await listImportRejections(db, result.importId, { limit: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ rowNumber: 3, code: 'bad_email' });
    expect(items[0]!.message).toContain('column "email" does not hold an e-mail address');
    // The rejected row is kept for the planner with every personal value masked, the address too.
    expect(items[0]!.raw).toBe('N3,***,***,***,500');
  });
});
