import type { Db } from '../../client/types.ts';
import type { Rejection } from '../../import/rejection-codes.ts';

export type ImportStatus = 'running' | 'completed' | 'failed';

/** The progress and outcome of one import, as the imports table holds it. */
export interface ImportRecord {
  id: string;
  kind: string;
  status: ImportStatus;
  fileName: string | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  error: string | null;
  startedBy: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface ImportCounts {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
}

interface ImportRow extends Record<string, unknown> {
  id: string;
  kind: string;
  status: ImportStatus;
  file_name: string | null;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  error: string | null;
  started_by: string | null;
  started_at: Date;
  finished_at: Date | null;
}

const toRecord = (r: ImportRow): ImportRecord => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  fileName: r.file_name,
  rowsRead: r.rows_read,
  rowsAccepted: r.rows_accepted,
  rowsRejected: r.rows_rejected,
  error: r.error,
  startedBy: r.started_by,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/**
 * Creates the imports row in state `running` (or resets an existing one with the same id, so the
 * server can hand the id to the browser before the file has been read).
 */
export async function startImport(
  db: Db,
  input: { id?: string; kind: string; fileName?: string | null; startedBy?: string | null },
): Promise<ImportRecord> {
  const [row] = await db.query<ImportRow>(
    `INSERT INTO imports (id, kind, file_name, started_by)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4::uuid)
     ON CONFLICT (id) DO UPDATE SET status = 'running', rows_read = 0, rows_accepted = 0, rows_rejected = 0,
       error = NULL, finished_at = NULL,
       file_name = COALESCE(EXCLUDED.file_name, imports.file_name),
       started_by = COALESCE(EXCLUDED.started_by, imports.started_by)
     RETURNING *`,
    [input.id ?? null, input.kind, input.fileName ?? null, input.startedBy ?? null],
  );
  return toRecord(row!);
}

/** Records progress so a planner watching the import sees the counts move. */
export async function updateImportProgress(db: Db, id: string, counts: ImportCounts): Promise<void> {
  await db.query('UPDATE imports SET rows_read = $2, rows_accepted = $3, rows_rejected = $4 WHERE id = $1', [
    id,
    counts.rowsRead,
    counts.rowsAccepted,
    counts.rowsRejected,
  ]);
}

/** Marks the import finished with its final counts; `error` explains a failure or a cut-short file. */
export async function finishImport(
  db: Db,
  id: string,
  outcome: ImportCounts & { status: 'completed' | 'failed'; error?: string | null },
): Promise<void> {
  await db.query(
    `UPDATE imports SET status = $2, rows_read = $3, rows_accepted = $4, rows_rejected = $5, error = $6,
       finished_at = now() WHERE id = $1`,
    [id, outcome.status, outcome.rowsRead, outcome.rowsAccepted, outcome.rowsRejected, outcome.error ?? null],
  );
}

/** Stores rejected rows in one statement. */
export async function insertImportRejections(
  db: Db,
  importId: string,
  rejections: readonly Rejection[],
): Promise<void> {
  if (rejections.length === 0) return;
  await db.query(
    `INSERT INTO import_rejections (import_id, row_number, code, message, raw)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
    [
      importId,
      rejections.map((r) => r.rowNumber),
      rejections.map((r) => r.code),
      rejections.map((r) => r.message),
      rejections.map((r) => r.raw),
    ],
  );
}

export async function getImport(db: Db, id: string): Promise<ImportRecord | null> {
  const [row] = await db.query<ImportRow>('SELECT * FROM imports WHERE id = $1', [id]);
  return row ? toRecord(row) : null;
}

/** Rejected rows of an import in row order, paged by row number. */
export async function listImportRejections(
  db: Db,
  importId: string,
  page: { afterRow?: number; limit?: number } = {},
): Promise<Rejection[]> {
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? 100), 1), 1000);
  const rows = await db.query<{
    row_number: number;
    code: Rejection['code'];
    message: string;
    raw: string | null;
  }>(
    `SELECT row_number, code, message, raw FROM import_rejections
     WHERE import_id = $1 AND row_number > $2 ORDER BY row_number, id LIMIT $3`,
    [importId, page.afterRow ?? 0, limit],
  );
  return rows.map((r) => ({ rowNumber: r.row_number, code: r.code, message: r.message, raw: r.raw }));
}
