import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, readCsvRecords } from '../src/import/csv-records.ts';

async function read(chunks: string[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsvRecords(chunks)) out.push(r);
  return out;
}

const quote = (field: string) =>
  /[",\r\n]/.test(field) || field === '' ? `"${field.replaceAll('"', '""')}"` : field;

describe('readCsvRecords', () => {
  it('reads back any table written with RFC 4180 quoting, however the bytes are chunked', async () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'é', '王', ' ', ',', '"', '\n', '\r\n', '1'),
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 }),
          ),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 20 }),
        async (rows, cuts) => {
          const text = `${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\n`;
          const chunks: string[] = [];
          let at = 0;
          for (let i = 0; at < text.length; i++) {
            const size = cuts[i % cuts.length]!;
            chunks.push(text.slice(at, at + size));
            at += size;
          }
          const records = await read(chunks);
          expect(records.every((r) => r.kind === 'record')).toBe(true);
          expect(records.map((r) => (r.kind === 'record' ? r.fields : []))).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decodes multi-byte characters split across chunks and drops a byte-order mark', async () => {
    const bytes = Buffer.from('\ufeffid,name\n1,王秀英\n', 'utf8');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    const records: CsvRecord[] = [];
    for await (const r of readCsvRecords(chunks)) records.push(r);
    expect(records.map((r) => (r.kind === 'record' ? r.fields : r.kind))).toEqual([
      ['id', 'name'],
      ['1', '王秀英'],
    ]);
  });

  it('loses only the broken record and resumes on the next line', async () => {
    const records = await read(['id,a\n1,"x"y\n2,ok\n3,a"b\n4,"fine"\n']);
    expect(records.map((r) => [r.kind, r.line])).toEqual([
      ['record', 1],
      ['broken', 2],
      ['record', 3],
      ['broken', 4],
      ['record', 5],
    ]);
  });

  it('stops at a quote that never closes and says where it opened', async () => {
    const records = await read(['id,a\n1,ok\n2,"open\n3,x\n']);
    expect(records.at(-1)).toMatchObject({ kind: 'unterminated', line: 3, physicalLines: 2 });
  });

  it('gives up on an open quote longer than the limit instead of buffering the whole file', async () => {
    const long = `id,a\n1,"${'x'.repeat(5_000)}\n2,y\n`;
    const out: CsvRecord[] = [];
    for await (const r of readCsvRecords([long.slice(0, 3000), long.slice(3000)], { maxRecordChars: 1_000 }))
      out.push(r);
    expect(out.at(-1)).toMatchObject({ kind: 'unterminated', line: 2 });
  });
});
