import { describeCondition } from '@waymark/conditions';
import { type Customer, schema, searchCustomers } from '@waymark/db';
import { and, asc, eq, ilike, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit.ts';
import { appError } from '../../errors/app-error.ts';
import { conditionInput, customerConditionSql, readCondition } from '../../lib/condition-input.ts';
import { errorResponses, idParams, isUuid, noContent } from '../../lib/http-schemas.ts';
import { escapeLike } from '../../lib/like.ts';
import { principalOf } from '../../plugins/authenticate.ts';
import { customerViewSchema, toCustomerView } from '../customers/schemas.ts';

const { segments } = schema;
type SegmentRow = typeof segments.$inferSelect;

const SAMPLE_SIZE = 10;

const segmentBody = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  condition: conditionInput,
});

const segmentView = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    condition: z.unknown(),
    summary: z.string().describe('The condition in words (zh-CN and en)'),
    summaryEn: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
    archivedAt: z.date().nullable(),
  })
  .meta({ id: 'Segment' });

function summarize(condition: unknown, locale: 'zh-CN' | 'en'): string {
  try {
    return describeCondition(readCondition(condition, 'condition'), locale);
  } catch {
    return '';
  }
}

function toView(row: SegmentRow): z.infer<typeof segmentView> {
  return {
    ...row,
    summary: summarize(row.condition, 'zh-CN'),
    summaryEn: summarize(row.condition, 'en'),
  };
}

// Checked before the schema so the planner reads parseCondition's explanations, not zod's.
const conditionFirst = async (request: { body: unknown }) => {
  const body = request.body as { condition?: unknown } | null;
  if (body && typeof body === 'object' && 'condition' in body)
    readCondition(body.condition, 'body.condition');
};

/** Saved audiences (a condition over profile, tags and event counts) and their live preview. */
export const segmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const load = async (id: string): Promise<SegmentRow> => {
    const [row] = isUuid(id) ? await app.db.orm.select().from(segments).where(eq(segments.id, id)) : [];
    if (!row) throw appError('segment.not-found');
    return row;
  };

  app.post(
    '/preview',
    {
      config: { permission: 'segments.read' },
      preValidation: conditionFirst,
      schema: {
        tags: ['segments'],
        summary: 'How many customers match a condition now, with 10 of them (PII masked)',
        body: z.object({ condition: conditionInput }),
        response: {
          200: z.object({ count: z.number().int(), sample: z.array(customerViewSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const condition = readCondition(request.body.condition, 'body.condition');
      const now = app.clock.now();
      const counted = customerConditionSql(condition, { now, customerAlias: 'c' });
      const [row] = await app.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM customers c WHERE ${counted.text}`,
        counted.values,
      );
      const sample = await searchCustomers(app.db, app.cipher, {
        condition: customerConditionSql(condition, { now, customerAlias: 'customers' }),
        limit: SAMPLE_SIZE,
      });
      return { count: row?.n ?? 0, sample: sample.items.map((c: Customer) => toCustomerView(c, false)) };
    },
  );

  app.post(
    '',
    {
      config: { permission: 'segments.write' },
      preValidation: conditionFirst,
      schema: {
        tags: ['segments'],
        summary: 'Save a segment',
        body: segmentBody,
        response: { 201: segmentView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const now = app.clock.now();
      const { name, description, condition } = request.body;
      const row = await app.db.transaction(async (tx) => {
        const [inserted] = await tx.orm
          .insert(segments)
          .values({
            name,
            description,
            condition,
            createdBy: principal.userId,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!inserted) throw new Error('insert returned no row');
        await recordAudit(tx, now, {
          actor: principal,
          action: 'segment.created',
          subjectType: 'segment',
          subjectId: inserted.id,
          details: { name },
        });
        return inserted;
      });
      return reply.status(201).send(toView(row));
    },
  );

  app.get(
    '',
    {
      config: { permission: 'segments.read' },
      schema: {
        tags: ['segments'],
        summary: 'Segments by name; archived ones only when asked for',
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          includeArchived: z.stringbool().default(false),
          limit: z.coerce.number().int().min(1).max(1000).default(500),
        }),
        response: { 200: z.object({ items: z.array(segmentView) }), ...errorResponses },
      },
    },
    async (request) => {
      const { q, includeArchived, limit } = request.query;
      const rows = await app.db.orm
        .select()
        .from(segments)
        .where(
          and(
            q ? ilike(segments.name, `%${escapeLike(q)}%`) : undefined,
            includeArchived ? undefined : isNull(segments.archivedAt),
          ),
        )
        .orderBy(asc(segments.name), asc(segments.id))
        .limit(limit);
      return { items: rows.map(toView) };
    },
  );

  app.get(
    '/:id',
    {
      config: { permission: 'segments.read' },
      schema: {
        tags: ['segments'],
        summary: 'One segment',
        params: idParams,
        response: { 200: segmentView, ...errorResponses },
      },
    },
    async (request) => toView(await load(request.params.id)),
  );

  app.put(
    '/:id',
    {
      config: { permission: 'segments.write' },
      preValidation: conditionFirst,
      schema: {
        tags: ['segments'],
        summary: 'Replace a segment’s name, description and condition',
        description: 'Published journeys that enroll this segment use the new condition on their next run.',
        params: idParams,
        body: segmentBody,
        response: { 200: segmentView, ...errorResponses },
      },
    },
    async (request) => {
      const current = await load(request.params.id);
      if (current.archivedAt) throw appError('segment.not-found', 'The segment was archived.');
      const now = app.clock.now();
      const row = await app.db.transaction(async (tx) => {
        const [updated] = await tx.orm
          .update(segments)
          .set({ ...request.body, updatedAt: now })
          .where(eq(segments.id, current.id))
          .returning();
        await recordAudit(tx, now, {
          actor: principalOf(request),
          action: 'segment.updated',
          subjectType: 'segment',
          subjectId: current.id,
          details: { name: request.body.name },
        });
        return updated ?? current;
      });
      return toView(row);
    },
  );

  app.delete(
    '/:id',
    {
      config: { permission: 'segments.write' },
      schema: {
        tags: ['segments'],
        summary: 'Archive a segment (new journeys cannot pick it)',
        params: idParams,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const current = await load(request.params.id);
      const now = app.clock.now();
      await app.db.transaction(async (tx) => {
        const archived = await tx.orm
          .update(segments)
          .set({ archivedAt: now, updatedAt: now })
          .where(and(eq(segments.id, current.id), isNull(segments.archivedAt)))
          .returning({ id: segments.id });
        if (archived.length > 0) {
          await recordAudit(tx, now, {
            actor: principalOf(request),
            action: 'segment.archived',
            subjectType: 'segment',
            subjectId: current.id,
          });
        }
      });
      return reply.status(204).send(null);
    },
  );
};
