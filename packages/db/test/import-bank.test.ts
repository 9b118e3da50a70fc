import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../src/crypto/index.ts';
import {
  type BankCustomer,
  bankAttributeTypes,
  defaultBankCsvPath,
  readBankCustomers,
} from '../src/demo/bank-customers.ts';
import { getCustomer, getImport, importCustomersCsv } from '../src/index.ts';
import { createTestDb, type TestDb } from '../src/testing/index.ts';

const cipher = createPiiCipher(randomBytes(32));

describe('importing the real bank-marketing file', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t?.drop());

  it('accepts all 45,211 customers in under 10 s with typed attributes', async () => {
    const progress: number[] = [];
    const result = await importCustomersCsv(t.db, cipher, createReadStream(defaultBankCsvPath), {
      fileName: 'bank-full.csv',
      idFromRow: { prefix: 'C' },
      onProgress: (c) => progress.push(c.rowsRead),
    });
    console.log(
      `bank-full.csv: ${result.rowsAccepted} customers imported in ${result.durationMs} ms (local Postgres)`,
    );
    expect(result).toMatchObject({
      status: 'completed',
      error: null,
      rowsRead: 45_211,
      rowsAccepted: 45_211,
      rowsRejected: 0,
    });
    expect(result.durationMs).toBeLessThan(10_000);
    // Progress was published batch by batch, not only at the end.
    expect(progress.length).toBeGreaterThanOrEqual(22);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    // Inferred types match the data set's documented ones.
    expect(Object.fromEntries(result.columns.map((c) => [c.name, c.type]))).toEqual(bankAttributeTypes);
    const stored = await getImport(t.db, result.importId);
    expect(stored).toMatchObject({
      status: 'completed',
      rowsRead: 45_211,
      rowsAccepted: 45_211,
      rowsRejected: 0,
      kind: 'customers',
    });
    expect(stored!.finishedAt).toBeInstanceOf(Date);

    const [{ count }] = (await t.db.query<{ count: number }>('SELECT count(*) AS count FROM customers')) as [
      { count: number },
    ];
    expect(count).toBe(45_211);

    // The first and last rows match what the demo reader makes of the same file.
    let first: BankCustomer | undefined;
    let last: BankCustomer | undefined;
    for await (const c of readBankCustomers()) {
      first ??= c;
      last = c;
    }
    for (const expected of [first!, last!]) {
      const customer = await getCustomer(t.db, cipher, expected.id);
      expect(customer?.attributes).toEqual(expected.attributes);
    }
    expect(last!.id).toBe('C045211');
  });

  it('is idempotent: importing the same file again updates, adds nothing', async () => {
    const again = await importCustomersCsv(t.db, cipher, createReadStream(defaultBankCsvPath), {
      idFromRow: { prefix: 'C' },
      columnTypes: bankAttributeTypes,
    });
    expect(again.rowsAccepted).toBe(45_211);
    const [{ count }] = (await t.db.query<{ count: number }>('SELECT count(*) AS count FROM customers')) as [
      { count: number },
    ];
    expect(count).toBe(45_211);
  });
});
