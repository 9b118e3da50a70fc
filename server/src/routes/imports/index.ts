import { getImport, listImportRejections, rejectionCodes } from '@waymark/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appError } from '../../errors/app-error.ts';
import { errorResponses, idParams, isUuid } from '../../lib/http-schemas.ts';

const importView = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(['running', 'completed', 'failed']),
    fileName: z.string().nullable(),
    rowsRead: z.number().int(),
    rowsAccepted: z.number().int(),
    rowsRejected: z.number().int(),
    error: z.string().nullable().describe('Why the import failed or stopped early'),
    startedBy: z.string().nullable(),
    startedAt: z.date(),
    finishedAt: z.date().nullable(),
  })
  .meta({ id: 'Import' });

const rejectionView = z.object({
  rowNumber: z.number().int().describe('Data row number: 1 is the first row after the header'),
  code: z.enum(
    Object.keys(rejectionCodes) as [keyof typeof rejectionCodes, ...(keyof typeof rejectionCodes)[]],
  ),
  message: z.string(),
  raw: z.string().nullable().describe('The row as read, personal data masked'),
});

/** Progress and row-level reports of CSV imports. */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const findImport = async (id: string) => {
    const record = isUuid(id) ? await getImport(app.db, id) : null;
    if (!record) throw appError('import.not-found');
    return record;
  };

  app.get(
    '/:id',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: ['customers'],
        summary: 'Progress of an import: status and rows read / accepted / rejected',
        params: idParams,
        response: { 200: importView, ...errorResponses },
      },
    },
    async (request) => findImport(request.params.id),
  );

  app.get(
    '/:id/rejections',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: ['customers'],
        summary: 'The rows an import rejected, with the reason for each, in row order',
        params: idParams,
        querystring: z.object({
          afterRow: z.coerce
            .number()
            .int()
            .min(0)
            .default(0)
            .describe('Row number of the last row already seen'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: {
          200: z.object({ items: z.array(rejectionView), nextAfterRow: z.number().int().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const record = await findImport(request.params.id);
      const { afterRow, limit } = request.query;
      const items = await listImportRejections(app.db, record.id, { afterRow, limit: limit + 1 });
      const page = items.slice(0, limit);
      return {
        items: page,
        nextAfterRow: items.length > limit ? (page[page.length - 1]?.rowNumber ?? null) : null,
      };
    },
  );
};
