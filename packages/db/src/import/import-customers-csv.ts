import type { Readable } from 'node:stream';
import type { Db } from '../client/types.ts';
import type { PiiCipher } from '../crypto/pii-cipher.ts';
import type { CustomerInput } from '../repos/customers/customer-types.ts';
import { upsertCustomers } from '../repos/customers/upsert-customers.ts';
import {
  finishImport,
  type ImportCounts,
  type ImportStatus,
  insertImportRejections,
  startImport,
  updateImportProgress,
} from '../repos/imports/imports-repo.ts';
import { type ColumnType, inferColumnType } from './column-types.ts';
import { type CsvRecord, readCsvRecords } from './csv-records.ts';
import type { Rejection } from './rejection-codes.ts';
import {
  createRowMapper,
  defaultFieldColumns,
  type FieldColumnKey,
  type IdFromRow,
  ImportHeaderError,
  type RowMapper,
} from './row-mapper.ts';

export interface ImportCustomersCsvOptions {
  /** Use an imports row created beforehand (its id was already given to the browser). */
  importId?: string;
  fileName?: string;
  /** User id of whoever started the import. */
  startedBy?: string;
  /** Header of the customer-number column (default `id`). */
  idColumn?: string;
  /** For files without an id column (bank-full.csv): id = prefix + zero-padded data row number. */
  idFromRow?: IdFromRow;
  /** Types of attribute columns by header name; columns not listed are inferred from the first rows. */
  columnTypes?: Record<string, ColumnType>;
  /** Rows sampled to infer column types (default 200). */
  inferSampleRows?: number;
  /** Header names of the name, phone, e-mail, ID number, tags, branch, RM and locale columns. */
  fieldColumns?: Partial<Record<FieldColumnKey, string>>;
  delimiter?: string;
  /** Valid rows per upsert statement (default 2 000). */
  batchSize?: number;
  /** `merge` (default) keeps stored attributes a file does not mention; `replace` overwrites all. */
  attributes?: 'merge' | 'replace';
  /** Called after every batch with the counts written to the imports row. */
  onProgress?: (counts: ImportCounts) => void;
}

export interface ImportCustomersResult extends ImportCounts {
  importId: string;
  status: Exclude<ImportStatus, 'running'>;
  /** Why the import failed or stopped early; null when every row was read. */
  error: string | null;
  /** Attribute columns and the type each was read as. */
  columns: { name: string; type: ColumnType }[];
  durationMs: number;
}

/**
 * Streams a customer CSV into the customers table. Each row is validated; valid rows are upserted
 * in batches (PII encrypted), each rejected row is stored in import_rejections with its row
 * number, a code and a message, and the imports row shows progress after every batch. A quote
 * that never closes stops the reading: the rest of the file is rejected with that reason and every
 * valid row before it is kept. A file whose header is unusable fails without importing anything.
 * @throws only on infrastructure failures (database, stream), after marking the import failed.
 */
export async function importCustomersCsv(
  db: Db,
  cipher: PiiCipher,
  input: Readable | AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: ImportCustomersCsvOptions = {},
): Promise<ImportCustomersResult> {
  const started = performance.now();
  const record = await startImport(db, {
    kind: 'customers',
    ...(options.importId !== undefined && { id: options.importId }),
    fileName: options.fileName ?? null,
    startedBy: options.startedBy ?? null,
  });
  const importId = record.id;
  const batchSize = Math.max(1, options.batchSize ?? 2_000);
  const sampleSize = Math.max(1, options.inferSampleRows ?? 200);
  const delimiter = options.delimiter ?? ',';
  const counts: ImportCounts = { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
  let accepted: CustomerInput[] = [];
  let rejected: Rejection[] = [];
  let stopReason: string | null = null;
  let columns: { name: string; type: ColumnType }[] = [];

  const flush = async () => {
    if (accepted.length > 0) {
      await upsertCustomers(db, cipher, accepted, {
        attributes: options.attributes ?? 'merge',
        chunkSize: batchSize,
      });
      counts.rowsAccepted += accepted.length;
      accepted = [];
    }
    if (rejected.length > 0) {
      await insertImportRejections(db, importId, rejected);
      counts.rowsRejected += rejected.length;
      rejected = [];
    }
    await updateImportProgress(db, importId, counts);
    options.onProgress?.({ ...counts });
  };

  const finish = async (
    status: 'completed' | 'failed',
    error: string | null,
  ): Promise<ImportCustomersResult> => {
    await finishImport(db, importId, { ...counts, status, error });
    return {
      importId,
      status,
      error,
      ...counts,
      columns,
      durationMs: Math.round(performance.now() - started),
    };
  };

  try {
    const records = readCsvRecords(input, { delimiter });
    const header = await records.next();
    if (header.done) return await finish('failed', 'The file is empty: it has no header row.');
    if (header.value.kind !== 'record') {
      return await finish(
        'failed',
        'The header row (line 1) cannot be read because of its quotes. Fix the first line and try again.',
      );
    }
    const headerFields = header.value.fields;

    // Types are settled before the first row is mapped, so early and late rows are read alike.
    const sample: CsvRecord[] = [];
    for (let next = await records.next(); !next.done; next = await records.next()) {
      sample.push(next.value);
      if (sample.length >= sampleSize) break;
    }
    const types = settleTypes(headerFields, sample, options.columnTypes ?? {});
    let mapper: RowMapper;
    try {
      mapper = createRowMapper(headerFields, types, {
        idColumn: options.idColumn ?? 'id',
        idFromRow: options.idFromRow,
        fieldColumns: { ...defaultFieldColumns, ...options.fieldColumns },
        delimiter,
      });
    } catch (err) {
      if (err instanceof ImportHeaderError) return await finish('failed', err.message);
      throw err;
    }
    columns = mapper.attributeColumns;

    const handle = (rec: CsvRecord) => {
      const rowNumber = ++counts.rowsRead;
      if (rec.kind === 'record') {
        const mapped = mapper.map(rec.fields, rowNumber, rec.line, rec.raw);
        if (mapped.ok) accepted.push(mapped.customer);
        else rejected.push(mapped.rejection);
      } else if (rec.kind === 'broken') {
        rejected.push({
          rowNumber,
          code: 'broken_quoting',
          message: rec.message,
          raw: mapper.maskUnreadable(rec.raw),
        });
      } else {
        stopReason = `Line ${rec.line}: a quote opened here is never closed, so this row and the ${rec.physicalLines - 1} line${rec.physicalLines === 2 ? '' : 's'} after it could not be read. Close the quote and import the file again; the rows before line ${rec.line} were imported.`;
        rejected.push({
          rowNumber,
          code: 'unreadable_remainder',
          message: stopReason,
          raw: mapper.maskUnreadable(rec.raw),
        });
      }
    };

    for (const rec of sample) handle(rec);
    if (accepted.length >= batchSize || rejected.length >= batchSize) await flush();
    if (stopReason === null) {
      for await (const rec of records) {
        handle(rec);
        if (accepted.length >= batchSize || rejected.length >= batchSize) await flush();
        if (stopReason !== null) break;
      }
    }
    await flush();
    return await finish('completed', stopReason);
  } catch (err) {
    await finish('failed', `The import stopped unexpectedly: ${(err as Error).message}`).catch(
      () => undefined,
    );
    throw err;
  }
}

function settleTypes(
  header: readonly string[],
  sample: readonly CsvRecord[],
  explicit: Record<string, ColumnType>,
): Record<string, ColumnType> {
  const types: Record<string, ColumnType> = {};
  header.forEach((raw, index) => {
    const name = raw.trim();
    const given = explicit[name];
    if (given) {
      types[name] = given;
      return;
    }
    const values = sample.flatMap((r) =>
      r.kind === 'record' && r.fields.length === header.length ? [(r.fields[index] ?? '').trim()] : [],
    );
    types[name] = inferColumnType(values);
  });
  return types;
}
