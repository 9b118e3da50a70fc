import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const importStatuses = ['running', 'completed', 'failed'] as const;

/** A streamed CSV import: progress is read from this row while it runs. */
export const imports = pgTable('imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  status: text('status').$type<(typeof importStatuses)[number]>().notNull().default('running'),
  fileName: text('file_name'),
  rowsRead: integer('rows_read').notNull().default(0),
  rowsAccepted: integer('rows_accepted').notNull().default(0),
  rowsRejected: integer('rows_rejected').notNull().default(0),
  error: text('error'),
  startedBy: uuid('started_by'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/** One rejected row of an import, with the reason a planner can act on. */
export const importRejections = pgTable(
  'import_rejections',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id),
    rowNumber: integer('row_number').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    raw: text('raw'),
  },
  (t) => [index('import_rejections_import_idx').on(t.importId, t.rowNumber)],
);
