import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../src/crypto/index.ts';
import {
  type Db,
  getCustomer,
  getImport,
  importCustomersCsv,
  listImportRejections,
  startImport,
} from '../src/index.ts';
import { createTestDb, type TestDb } from '../src/testing/index.ts';

const cipher = createPiiCipher(randomBytes(32));
/** A file arriving in small pieces, as an upload does, so records straddle chunk boundaries. */
const file = (text: string) =>
  Readable.from(
    Buffer.from(text, 'utf8')
      .toString('utf8')
      .match(/[\s\S]{1,7}/g) ?? [],
  );

async function ids(db: Db, prefix: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>('SELECT id FROM customers WHERE id LIKE $1 ORDER BY id', [
    `${prefix}%`,
  ]);
  return rows.map((r) => r.id);
}

describe('importing broken CSV files', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t?.drop());

  it('rejects bad rows with a code and a message, keeps every valid row', async () => {
    const csv = [
      'id,age,joined,vip,city',
      'E01,34,2020-01-15,yes,Shanghai',
      'E02,abc,2020-01-15,no,Beijing', // bad number
      'E03,40,2020-02-30,no,Beijing', // impossible date
      'E04,41,2020-03-01,maybe,Beijing', // bad boolean
      'E05,50,2020-03-01', // too few columns
      'E06,50,2020-03-01,no,Shenzhen,extra', // too many columns
      'E01,35,2020-01-15,yes,Shanghai', // duplicate id
      ',35,2020-01-15,yes,Shanghai', // empty id
      'E07,"bad"x,2020-01-15,yes,Shanghai', // broken closing quote
      'E08,1"2,2020-01-15,yes,Shanghai', // quote in the middle of a value
      'E09,29,,,"Hangzhou, ""West Lake"""', // empty cells and an escaped quote
      'E10,"3',
      '1",2021-12-31,true,"multi',
      'line"', // a quoted value spanning lines: "3\n1" is not a number
      'E11,61,2021/7/4,NO,Suzhou',
      '',
    ].join('\r\n');
    const result = await importCustomersCsv(t.db, cipher, file(csv), {
      columnTypes: { age: 'number', joined: 'date', vip: 'boolean', city: 'string' },
      fileName: 'broken.csv',
    });
    expect(result).toMatchObject({
      status: 'completed',
      error: null,
      rowsRead: 13,
      rowsAccepted: 3,
      rowsRejected: 10,
    });
    expect(await ids(t.db, 'E')).toEqual(['E01', 'E09', 'E11']);
    expect((await getCustomer(t.db, cipher, 'E01'))?.attributes).toEqual({
      age: 34,
      joined: '2020-01-15',
      vip: true,
      city: 'Shanghai',
    });
    expect((await getCustomer(t.db, cipher, 'E09'))?.attributes).toEqual({
      age: 29,
      city: 'Hangzhou, "West Lake"',
    });
    expect((await getCustomer(t.db, cipher, 'E11'))?.attributes).toEqual({
      age: 61,
      joined: '2021-07-04',
      vip: false,
      city: 'Suzhou',
    });

    const rejections = await listImportRejections(t.db, result.importId);
    expect(rejections.map((r) => [r.rowNumber, r.code])).toEqual([
      [2, 'bad_number'],
      [3, 'bad_date'],
      [4, 'bad_boolean'],
      [5, 'wrong_column_count'],
      [6, 'wrong_column_count'],
      [7, 'duplicate_id'],
      [8, 'missing_id'],
      [9, 'broken_quoting'],
      [10, 'broken_quoting'],
      [12, 'bad_number'],
    ]);
    const message = (row: number) => rejections.find((r) => r.rowNumber === row)?.message;
    expect(message(2)).toBe('Line 3: column "age" must be a number, got "abc".');
    expect(message(3)).toContain('column "joined" must be a date (YYYY-MM-DD), got "2020-02-30"');
    expect(message(5)).toBe(
      'Line 6 has 3 values but the header has 5 columns. Check for a missing or extra comma.',
    );
    expect(message(7)).toContain('customer id "E01" already appeared earlier in this file');
    expect(message(9)).toMatch(/^Line 10: a quoted value is followed by other characters/);
    expect(rejections[0]!.raw).toBe('E02,abc,2020-01-15,no,Beijing');
    expect(await getImport(t.db, result.importId)).toMatchObject({
      status: 'completed',
      rowsRejected: 10,
      fileName: 'broken.csv',
    });
  });

  it('keeps the rows before a quote that never closes and rejects the rest with the reason', async () => {
    const csv = ['id,note', 'F1,ok', 'F2,"fine"', 'F3,"never closed', 'F4,lost', 'F5,lost too'].join('\n');
    const result = await importCustomersCsv(t.db, cipher, file(csv));
    expect(result).toMatchObject({ status: 'completed', rowsAccepted: 2, rowsRejected: 1, rowsRead: 3 });
    expect(result.error).toBe(
      'Line 4: a quote opened here is never closed, so this row and the 2 lines after it could not be read. Close the quote and import the file again; the rows before line 4 were imported.',
    );
    expect(await ids(t.db, 'F')).toEqual(['F1', 'F2']);
    const [rejection] = await listImportRejections(t.db, result.importId);
    expect(rejection).toMatchObject({ rowNumber: 3, code: 'unreadable_remainder', message: result.error });
    expect(await getImport(t.db, result.importId)).toMatchObject({
      status: 'completed',
      error: result.error,
    });
  });

  it('fails cleanly on an unusable header, importing nothing', async () => {
    const noId = await importCustomersCsv(t.db, cipher, file('name,age\nX,1\n'));
    expect(noId).toMatchObject({ status: 'failed', rowsAccepted: 0 });
    expect(noId.error).toContain('The file has no "id" column');
    const twice = await importCustomersCsv(t.db, cipher, file('id,age,AGE\nG1,1,2\n'));
    expect(twice.error).toBe('The header row names the column "AGE" twice.');
    const empty = await importCustomersCsv(t.db, cipher, file(''));
    expect(empty.error).toBe('The file is empty: it has no header row.');
    expect(await getImport(t.db, empty.importId)).toMatchObject({ status: 'failed', error: empty.error });
    expect(await ids(t.db, 'G')).toEqual([]);
  });

  it('infers column types from the first rows and rejects later rows that do not fit', async () => {
    const rows = ['id,score,active,since'];
    for (let i = 1; i <= 5; i++) rows.push(`H${i},${i * 10},yes,2024-01-0${i}`);
    rows.push('H6,n/a,yes,2024-01-06');
    const result = await importCustomersCsv(t.db, cipher, file(rows.join('\n')), { inferSampleRows: 5 });
    expect(result.columns).toEqual([
      { name: 'score', type: 'number' },
      { name: 'active', type: 'boolean' },
      { name: 'since', type: 'date' },
    ]);
    expect(result).toMatchObject({ rowsAccepted: 5, rowsRejected: 1 });
    expect((await getCustomer(t.db, cipher, 'H2'))?.attributes).toEqual({
      score: 20,
      active: true,
      since: '2024-01-02',
    });
  });

  it('encrypts personal-data columns and never stores them in rejected rows', async () => {
    const csv = [
      'customer_no,name,phone,id_number,tags,branch,age',
      'P1,张伟,+86 13812345678,110101199003071234,vip|payroll,SH-02,33',
      'P2,李娜,12,110101199003075678,,SH-02,40',
      'P3,王芳,13987654321,110101199003079999,,SH-03,old',
    ].join('\n');
    const result = await importCustomersCsv(t.db, cipher, file(csv), {
      idColumn: 'customer_no',
      columnTypes: { age: 'number' },
    });
    expect(result).toMatchObject({ rowsAccepted: 1, rowsRejected: 2 });
    expect(await getCustomer(t.db, cipher, 'P1')).toMatchObject({
      name: '张伟',
      phone: '+86 13812345678',
      idNumber: '110101199003071234',
      tags: ['vip', 'payroll'],
      branch: 'SH-02',
      attributes: { age: 33 },
    });
    const rejections = await listImportRejections(t.db, result.importId);
    expect(rejections.map((r) => r.code)).toEqual(['bad_phone', 'bad_number']);
    expect(rejections[1]!.raw).toBe('P3,***,***,***,,SH-03,old');
    const dump = JSON.stringify(await t.db.query('SELECT * FROM customers, import_rejections'));
    for (const secret of [
      '张伟',
      '13812345678',
      '110101199003071234',
      '李娜',
      '13987654321',
      '110101199003079999',
    ]) {
      expect(dump).not.toContain(secret);
    }
  });

  it('fills an imports row created beforehand, reporting progress every batch', async () => {
    const started = await startImport(t.db, { kind: 'customers', fileName: 'upload.csv' });
    const lines = ['id,n', ...Array.from({ length: 2_500 }, (_, i) => `K${i},${i}`)];
    const seen: number[] = [];
    const result = await importCustomersCsv(t.db, cipher, file(lines.join('\n')), {
      importId: started.id,
      batchSize: 1_000,
      onProgress: (c) => seen.push(c.rowsAccepted),
    });
    expect(result.importId).toBe(started.id);
    expect(seen).toEqual([1_000, 2_000, 2_500]);
    expect(await getImport(t.db, started.id)).toMatchObject({
      status: 'completed',
      rowsAccepted: 2_500,
      fileName: 'upload.csv',
    });
  });

  it('marks the import failed when the file cannot be read', async () => {
    const failing = Readable.from(
      (async function* () {
        yield 'id,n\nZ1,1\n';
        throw new Error('connection reset by peer');
      })(),
    );
    await expect(importCustomersCsv(t.db, cipher, failing, { importId: undefined })).rejects.toThrow(
      /connection reset/,
    );
    const [row] = await t.db.query<{ status: string; error: string }>(
      `SELECT status, error FROM imports WHERE error LIKE '%connection reset%'`,
    );
    expect(row).toEqual({
      status: 'failed',
      error: 'The import stopped unexpectedly: connection reset by peer',
    });
  });
});
