import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { type ColumnType, importCustomersCsv, startImport } from '@waymark/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit.ts';
import { appError } from '../../errors/app-error.ts';
import { errorResponses } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/authenticate.ts';
import { type SpooledUpload, spoolUpload } from './spool-upload.ts';

const importQuery = z
  .object({
    idColumn: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .describe('Header of the customer-number column (default `id`)'),
    idPrefix: z
      .string()
      .trim()
      .min(1)
      .max(16)
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ or -')
      .optional()
      .describe('For files without an id column: id = prefix + zero-padded row number, e.g. C000001'),
    idWidth: z.coerce.number().int().min(1).max(12).default(6),
    fileName: z.string().trim().min(1).max(200).optional(),
    attributes: z.enum(['merge', 'replace']).default('merge'),
    delimiter: z.enum([',', ';', '\t', '|']).default(','),
    columnTypes: z
      .string()
      .max(2000)
      .regex(
        /^[^:,]+:(string|number|boolean|date)(,[^:,]+:(string|number|boolean|date))*$/,
        'write column:type pairs, e.g. opened_on:date,balance:number',
      )
      .optional()
      .describe(
        'Types of attribute columns (string, number, boolean, date); others are inferred from the first rows',
      ),
  })
  .refine((q) => !(q.idColumn && q.idPrefix), {
    message: 'give either idColumn or idPrefix, not both',
    path: ['idPrefix'],
  });

function parseColumnTypes(text: string): Record<string, ColumnType> {
  return Object.fromEntries(
    text.split(',').map((pair) => {
      const at = pair.lastIndexOf(':');
      return [pair.slice(0, at).trim(), pair.slice(at + 1) as ColumnType];
    }),
  );
}

/**
 * POST /customers/import: a CSV body (`text/csv`), streamed to disk within its own size limit and
 * imported in the background. Answers 202 with the import id; progress and the row-level report
 * are under /imports/:id.
 */
export const customerImportRoute: FastifyPluginAsyncZod = async (app) => {
  // The raw stream, not a parsed body: a file can be far larger than the JSON body limit.
  app.addContentTypeParser(['text/csv', 'application/csv'], (_request, payload, done) => done(null, payload));

  app.post(
    '/import',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags: ['customers'],
        summary: 'Import customers from a CSV file (202, then poll GET /imports/:id)',
        description:
          'Rows are validated one by one: valid rows are upserted, each rejected row is reported with its row number and reason (GET /imports/:id/rejections). Recognised columns: id, name, phone, email, id_number, tags, branch, rm_user_id, locale; every other column becomes an attribute. E-mail addresses are lower-cased; a row with one that is not an address is rejected (bad_email).',
        querystring: importQuery,
        consumes: ['text/csv'],
        body: z
          .any()
          .meta({ type: 'string', format: 'binary', description: 'The CSV file, UTF-8, header row first' }),
        response: { 202: z.object({ importId: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body as Readable;
      const principal = principalOf(request);
      const declared = Number(request.headers['content-length']);
      let upload: SpooledUpload;
      try {
        upload = await spoolUpload(
          body,
          app.limits.csvImportBytes,
          Number.isFinite(declared) ? declared : undefined,
        );
      } catch (error) {
        // The rest of an oversized body is never read: close the connection after answering, or
        // the client would keep sending into a socket nobody reads.
        reply.header('connection', 'close');
        throw error;
      }
      if (upload.bytes === 0) {
        await upload.discard();
        throw appError('request.empty-body', 'The CSV file is empty.');
      }
      const query = request.query;
      const now = app.clock.now();
      const record = await app.db.transaction(async (tx) => {
        const started = await startImport(tx, {
          kind: 'customers',
          fileName: query.fileName ?? null,
          startedBy: principal.userId,
        });
        await recordAudit(tx, now, {
          actor: principal,
          action: 'customers.import-started',
          subjectType: 'import',
          subjectId: started.id,
          details: { bytes: upload.bytes, fileName: query.fileName ?? null },
        });
        return started;
      });

      app.background.run(`customer import ${record.id}`, async () => {
        try {
          const result = await importCustomersCsv(app.db, app.cipher, createReadStream(upload.path), {
            importId: record.id,
            startedBy: principal.userId,
            attributes: query.attributes,
            delimiter: query.delimiter,
            ...(query.fileName && { fileName: query.fileName }),
            ...(query.idColumn && { idColumn: query.idColumn }),
            ...(query.idPrefix && { idFromRow: { prefix: query.idPrefix, width: query.idWidth } }),
            ...(query.columnTypes && { columnTypes: parseColumnTypes(query.columnTypes) }),
          });
          app.log.info(
            {
              importId: record.id,
              status: result.status,
              rowsRead: result.rowsRead,
              durationMs: result.durationMs,
            },
            'customer import finished',
          );
        } finally {
          await upload.discard();
        }
      });
      return reply.status(202).send({ importId: record.id });
    },
  );
};
