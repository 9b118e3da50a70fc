import { schema } from '@waymark/db';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { errorResponses, isUuid, pageOf } from '../../lib/http-schemas.ts';

const { auditLog } = schema;

const entrySchema = z
  .object({
    id: z.number().int(),
    at: z.date(),
    actorUserId: z.string().nullable(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

/** Who saw or changed what, newest first (compliance reads it; nothing writes it here). */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, filtered by subject or actor',
        querystring: z.object({
          subjectType: z.string().max(64).optional(),
          subjectId: z.string().max(200).optional(),
          actorUserId: z.string().max(64).optional(),
          action: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: pageOf(entrySchema), ...errorResponses },
      },
    },
    async (request) => {
      const { subjectType, subjectId, actorUserId, action, limit, cursor } = request.query;
      if (actorUserId !== undefined && !isUuid(actorUserId)) return { items: [], nextCursor: null };
      const before = cursor ? decodeCursor(cursor, ['number'])[0] : undefined;
      const rows = await app.db.orm
        .select()
        .from(auditLog)
        .where(
          and(
            subjectType ? eq(auditLog.subjectType, subjectType) : undefined,
            subjectId ? eq(auditLog.subjectId, subjectId) : undefined,
            actorUserId ? eq(auditLog.actorUserId, actorUserId) : undefined,
            action ? eq(auditLog.action, action) : undefined,
            before !== undefined ? lt(auditLog.id, before) : undefined,
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { items: page, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
    },
  );
};
