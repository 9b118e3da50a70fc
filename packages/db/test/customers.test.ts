import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../src/crypto/index.ts';
import {
  type CustomerInput,
  type Db,
  findCustomersByPhone,
  getCustomer,
  MAX_UPSERT_ROWS,
  maskCustomer,
  searchCustomers,
  upsertCustomers,
} from '../src/index.ts';
import { drivers } from './drivers.ts';

const cipher = createPiiCipher(randomBytes(32));

describe.each(drivers)('customers repository on %s', (_driver, open) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await open());
  });
  afterAll(() => drop?.());

  it('inserts, then updates, encrypting PII and merging attributes', async () => {
    const first = await upsertCustomers(db, cipher, [
      {
        id: 'A001',
        attributes: { age: 41, job: 'teacher' },
        tags: ['vip'],
        consent: { sms: true, email: false },
        name: '王秀英',
        phone: '+86 138-0013-8000',
        idNumber: '110101198001011234',
        branch: 'SH-01',
      },
      { id: 'A002', attributes: { age: 29 }, phone: '13900000002' },
    ]);
    expect(first).toEqual({ inserted: 2, updated: 0 });

    const [stored] = await db.query<Record<string, string>>('SELECT * FROM customers WHERE id = $1', [
      'A001',
    ]);
    expect(stored!.name_enc).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain('13800138000');
    expect(JSON.stringify(stored)).not.toContain('王秀英');
    expect(JSON.stringify(stored)).not.toContain('110101198001011234');

    const second = await upsertCustomers(db, cipher, [
      { id: 'A001', attributes: { age: 42 }, consent: { sms: false } },
    ]);
    expect(second).toEqual({ inserted: 0, updated: 1 });
    const customer = await getCustomer(db, cipher, 'A001');
    expect(customer).toMatchObject({
      id: 'A001',
      attributes: { age: 42, job: 'teacher' },
      tags: ['vip'],
      consent: { sms: false, email: false },
      name: '王秀英',
      phone: '+86 138-0013-8000',
      idNumber: '110101198001011234',
      branch: 'SH-01',
    });
    expect(customer!.updatedAt.getTime()).toBeGreaterThanOrEqual(customer!.createdAt.getTime());
  });

  it('replaces attributes when asked, clears a field given null and keeps one left undefined', async () => {
    await upsertCustomers(db, cipher, [{ id: 'A002', attributes: { segment: 'young' }, branch: null }], {
      attributes: 'replace',
    });
    const customer = await getCustomer(db, cipher, 'A002');
    expect(customer).toMatchObject({ attributes: { segment: 'young' }, branch: null, phone: '13900000002' });
  });

  it('returns null for an unknown customer', async () => {
    expect(await getCustomer(db, cipher, 'nobody')).toBeNull();
  });

  it('finds a customer by phone in any notation, without the phone stored in clear', async () => {
    for (const notation of ['13800138000', '+86 13800138000', '0086-138-0013-8000']) {
      const found = await findCustomersByPhone(db, cipher, notation);
      expect(found.map((c) => c.id)).toEqual(['A001']);
    }
    expect(await findCustomersByPhone(db, cipher, '13800138009')).toEqual([]);
    expect(await findCustomersByPhone(db, cipher, 'none')).toEqual([]);
  });

  it('upserts 10,000 rows in one call and refuses more', async () => {
    const rows: CustomerInput[] = Array.from({ length: MAX_UPSERT_ROWS }, (_, i) => ({
      id: `B${String(i).padStart(5, '0')}`,
      attributes: { n: i, even: i % 2 === 0 },
      tags: i % 3 === 0 ? ['three'] : [],
      phone: `137${String(i).padStart(8, '0')}`,
    }));
    expect(await upsertCustomers(db, cipher, rows)).toEqual({ inserted: MAX_UPSERT_ROWS, updated: 0 });
    const [{ count }] = (await db.query<{ count: number }>(
      `SELECT count(*) AS count FROM customers WHERE id LIKE 'B%'`,
    )) as [{ count: number }];
    expect(count).toBe(MAX_UPSERT_ROWS);
    await expect(upsertCustomers(db, cipher, [...rows, { id: 'extra' }])).rejects.toThrow(
      /at most 10000 rows/,
    );
    await expect(upsertCustomers(db, cipher, [{ id: ' ' }])).rejects.toThrow(/non-empty id/);
  });

  it('keeps the last row when an id repeats, and rows with different fields in one call', async () => {
    const result = await upsertCustomers(db, cipher, [
      { id: 'D1', attributes: { v: 1 } },
      { id: 'D1', attributes: { v: 2 } },
      { id: 'D2', name: '李娜' },
    ]);
    expect(result).toEqual({ inserted: 2, updated: 0 });
    expect((await getCustomer(db, cipher, 'D1'))?.attributes).toEqual({ v: 2 });
    expect((await getCustomer(db, cipher, 'D2'))?.name).toBe('李娜');
  });

  it('searches by id prefix, phone, tag and a compiled condition, page by page', async () => {
    const byPrefix = await searchCustomers(db, cipher, { q: 'B0000', limit: 5 });
    expect(byPrefix.items.map((c) => c.id)).toEqual(['B00000', 'B00001', 'B00002', 'B00003', 'B00004']);
    const next = await searchCustomers(db, cipher, { q: 'B0000', limit: 5, cursor: byPrefix.nextCursor! });
    expect(next.items.map((c) => c.id)).toEqual(['B00005', 'B00006', 'B00007', 'B00008', 'B00009']);
    expect(next.nextCursor).toBeNull();

    const byPhone = await searchCustomers(db, cipher, { q: '+86 137 0000 0042' });
    expect(byPhone.items.map((c) => c.id)).toEqual(['B00042']);
    expect(byPhone.items[0]!.phone).toBe('13700000042');

    // A LIKE wildcard typed by a user is matched literally.
    expect((await searchCustomers(db, cipher, { q: 'B%' })).items).toEqual([]);

    const condition = {
      text: `(customers.attributes->>'n')::numeric < $1 AND (attributes->>'even')::boolean = $2`,
      values: [10, true],
    };
    const filtered = await searchCustomers(db, cipher, { condition, tag: 'three', limit: 100 });
    expect(filtered.items.map((c) => c.id)).toEqual(['B00000', 'B00006']);

    const combined = await searchCustomers(db, cipher, {
      q: 'B',
      condition: { text: `(attributes->>'n')::int = $1`, values: [9] },
    });
    expect(combined.items.map((c) => c.id)).toEqual(['B00009']);
  });

  it('masks PII for display', async () => {
    const customer = await getCustomer(db, cipher, 'A001');
    expect(maskCustomer(customer!)).toMatchObject({
      name: '王*英',
      phone: '138****8000',
      idNumber: '1101**********1234',
    });
  });
});
