import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from './support/imports.ts';
import { expectProblem } from './support/problem.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
let admin: { cookie: string };
beforeAll(async () => {
  t = await createTestApp({ limits: { csvImportBytes: 1024 * 1024 } });
  admin = await t.signIn('admin');
});
afterAll(() => t.close());

describe('CSV imports with bad rows', () => {
  it('keeps the valid rows and reports each bad one: broken quoting, column counts, dates, duplicate ids', async () => {
    const csv = [
      'id,name,phone,opened_on,balance',
      'R001,王芳,13700000001,2024-01-15,1200',
      'R002,"李 "娜",13700000002,2024-02-01,300',
      'R003,赵六,13700000003,2024-03-01',
      'R004,钱七,13700000004,2024-02-30,50',
      'R001,孙八,13700000005,2024-04-01,70',
      'R005,周九,13700000006,2024/05/06,80',
      'R006,吴十,12,2024-05-07,90',
      '',
    ].join('\n');
    const response = await importCsv(t.app, admin, csv, { columnTypes: 'opened_on:date,balance:number' });
    expect(response.statusCode).toBe(202);
    const { importId } = response.json();

    const progress = (await t.app.inject({ url: `/api/v1/imports/${importId}`, headers: admin })).json();
    expect(progress).toMatchObject({ status: 'completed', rowsRead: 7, rowsAccepted: 2, rowsRejected: 5 });

    const report = await t.app.inject({ url: `/api/v1/imports/${importId}/rejections`, headers: admin });
    expect(report.statusCode).toBe(200);
    const items = report.json().items as {
      rowNumber: number;
      code: string;
      message: string;
      raw: string | null;
    }[];
    expect(items.map((r) => [r.rowNumber, r.code])).toEqual([
      [2, 'broken_quoting'],
      [3, 'wrong_column_count'],
      [4, 'bad_date'],
      [5, 'duplicate_id'],
      [7, 'bad_phone'],
    ]);
    for (const item of items) expect(item.message.length).toBeGreaterThan(10);
    expect(JSON.stringify(items)).not.toContain('13700000004');

    const kept = await t.app.inject({ url: '/api/v1/customers', query: { q: 'R00' }, headers: admin });
    expect(kept.json().items.map((c: { id: string }) => c.id)).toEqual(['R001', 'R005']);
    const first = await t.app.inject({ url: '/api/v1/customers/R001', headers: admin });
    expect(first.json().customer.attributes).toEqual({ opened_on: '2024-01-15', balance: 1200 });
  });

  it('pages the rejection report by row number', async () => {
    const lines = ['id,age'];
    for (let i = 1; i <= 30; i++) lines.push(`P${i},${i % 2 === 0 ? 'old' : String(20 + i)}`);
    const { importId } = (
      await importCsv(t.app, admin, lines.join('\n'), { columnTypes: 'age:number' })
    ).json();
    const first = (
      await t.app.inject({
        url: `/api/v1/imports/${importId}/rejections`,
        query: { limit: '10' },
        headers: admin,
      })
    ).json();
    expect(first.items).toHaveLength(10);
    expect(first.nextAfterRow).toBe(20);
    const second = (
      await t.app.inject({
        url: `/api/v1/imports/${importId}/rejections`,
        query: { limit: '10', afterRow: String(first.nextAfterRow) },
        headers: admin,
      })
    ).json();
    expect(second.items.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([22, 24, 26, 28, 30]);
    expect(second.nextAfterRow).toBeNull();
  });

  it('fails an import whose header has no id column, importing nothing, with the reason', async () => {
    const response = await importCsv(t.app, admin, 'name,phone\n王芳,13700000001\n');
    expect(response.statusCode).toBe(202);
    const progress = (
      await t.app.inject({ url: `/api/v1/imports/${response.json().importId}`, headers: admin })
    ).json();
    expect(progress.status).toBe('failed');
    expect(progress.rowsAccepted).toBe(0);
    expect(progress.error).toMatch(/id/);
  });

  it('stops at a quote that never closes, keeping the rows before it', async () => {
    const csv = 'id,name\nQ1,王芳\nQ2,"李娜\nQ3,赵六\nQ4,钱七\n';
    const { importId } = (await importCsv(t.app, admin, csv)).json();
    const progress = (await t.app.inject({ url: `/api/v1/imports/${importId}`, headers: admin })).json();
    expect(progress).toMatchObject({ status: 'completed', rowsAccepted: 1 });
    expect(progress.error).toContain('quote');
  });

  it('answers 413 request.too-large for a CSV over the import limit, and starts no import', async () => {
    const row = 'X0000001,some attribute value that is long enough to fill the file quickly\n';
    const csv = `id,note\n${row.repeat(Math.ceil((1024 * 1024 + 1) / row.length))}`;
    const before = await t.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM imports');
    const response = await importCsv(t.app, admin, csv);
    expectProblem(response, 413, 'request.too-large');
    const after = await t.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM imports');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('answers 400 for an empty CSV and for conflicting id options', async () => {
    expectProblem(await importCsv(t.app, admin, ''), 400, 'request.empty-body');
    const both = await importCsv(t.app, admin, 'id\nA\n', { idColumn: 'id', idPrefix: 'C' });
    expectProblem(both, 400, 'request.invalid');
  });
});
