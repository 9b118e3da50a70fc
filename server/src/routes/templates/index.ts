import { getCustomer, maskCustomer, schema } from '@waymark/db';
import { previewTemplate, type TemplateCustomer, validateTemplate } from '@waymark/templates';
import { and, asc, eq, ilike, isNull, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit.ts';
import { maySeePii } from '../../auth/pii-access.ts';
import { appError } from '../../errors/app-error.ts';
import { errorResponses, idParams, isUuid, noContent } from '../../lib/http-schemas.ts';
import { escapeLike } from '../../lib/like.ts';
import { principalOf } from '../../plugins/authenticate.ts';
import {
  previewRequestSchema,
  previewResponseSchema,
  templateCreateSchema,
  templateUpdateSchema,
  templateViewSchema,
} from './schemas.ts';
import { assertTemplateCompiles } from './template-problems.ts';

const { templates } = schema;
type TemplateRow = typeof templates.$inferSelect;

// Reading never refuses: a stored script that no longer compiles (helpers changed) still lists.
function toView(row: TemplateRow) {
  return { ...row, variables: validateTemplate(row.body, { channel: row.channel }).variables };
}

/** Message scripts per channel, edited with optimistic locking, and their preview. */
export const templateRoutes: FastifyPluginAsyncZod = async (app) => {
  const load = async (id: string): Promise<TemplateRow> => {
    const [row] = isUuid(id) ? await app.db.orm.select().from(templates).where(eq(templates.id, id)) : [];
    if (!row) throw appError('template.not-found');
    return row;
  };

  app.post(
    '',
    {
      config: { permission: 'templates.write' },
      schema: {
        tags: ['templates'],
        summary: 'Create a template (refused with located problems when the script does not compile)',
        body: templateCreateSchema,
        response: { 201: templateViewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const { variables } = assertTemplateCompiles(input);
      const principal = principalOf(request);
      const now = app.clock.now();
      const row = await app.db.transaction(async (tx) => {
        const [inserted] = await tx.orm
          .insert(templates)
          .values({ ...input, createdBy: principal.userId, createdAt: now, updatedAt: now })
          .returning();
        if (!inserted) throw new Error('insert returned no row');
        await recordAudit(tx, now, {
          actor: principal,
          action: 'template.created',
          subjectType: 'template',
          subjectId: inserted.id,
          details: { name: inserted.name, channel: inserted.channel },
        });
        return inserted;
      });
      return reply.status(201).send({ ...row, variables });
    },
  );

  app.get(
    '',
    {
      config: { permission: 'templates.read' },
      schema: {
        tags: ['templates'],
        summary: 'Templates, by name; archived ones only when asked for',
        querystring: z.object({
          channel: z.enum(schema.channels).optional(),
          q: z.string().trim().max(100).optional().describe('Part of the name'),
          includeArchived: z.stringbool().default(false),
        }),
        response: { 200: z.object({ items: z.array(templateViewSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const { channel, q, includeArchived } = request.query;
      const rows = await app.db.orm
        .select()
        .from(templates)
        .where(
          and(
            channel ? eq(templates.channel, channel) : undefined,
            q ? ilike(templates.name, `%${escapeLike(q)}%`) : undefined,
            includeArchived ? undefined : isNull(templates.archivedAt),
          ),
        )
        .orderBy(asc(templates.name), asc(templates.id))
        .limit(1000);
      return { items: rows.map(toView) };
    },
  );

  app.get(
    '/:id',
    {
      config: { permission: 'templates.read' },
      schema: {
        tags: ['templates'],
        summary: 'One template',
        params: idParams,
        response: { 200: templateViewSchema, ...errorResponses },
      },
    },
    async (request) => toView(await load(request.params.id)),
  );

  app.put(
    '/:id',
    {
      config: { permission: 'templates.write' },
      schema: {
        tags: ['templates'],
        summary: 'Save a template; answers 409 when someone saved a newer revision since you loaded it',
        params: idParams,
        body: templateUpdateSchema,
        response: { 200: templateViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { revision, ...fields } = request.body;
      const current = await load(request.params.id);
      if (current.archivedAt) throw appError('template.revision-conflict', 'The template was archived.');
      const { variables } = assertTemplateCompiles(fields);
      const now = app.clock.now();
      const principal = principalOf(request);
      const row = await app.db.transaction(async (tx) => {
        const [updated] = await tx.orm
          .update(templates)
          .set({ ...fields, revision: sql`${templates.revision} + 1`, updatedAt: now })
          .where(
            and(eq(templates.id, current.id), eq(templates.revision, revision), isNull(templates.archivedAt)),
          )
          .returning();
        if (!updated) return undefined;
        await recordAudit(tx, now, {
          actor: principal,
          action: 'template.updated',
          subjectType: 'template',
          subjectId: updated.id,
          details: { fromRevision: revision, toRevision: updated.revision },
        });
        return updated;
      });
      if (!row) {
        const latest = await load(current.id);
        throw appError(
          'template.revision-conflict',
          `You edited revision ${revision}; the latest is ${latest.revision}.`,
          {
            extensions: { currentRevision: latest.revision },
          },
        );
      }
      return { ...row, variables };
    },
  );

  app.delete(
    '/:id',
    {
      config: { permission: 'templates.write' },
      schema: {
        tags: ['templates'],
        summary: 'Archive a template (published journeys keep working; new ones cannot pick it)',
        params: idParams,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const current = await load(request.params.id);
      const now = app.clock.now();
      await app.db.transaction(async (tx) => {
        const archived = await tx.orm
          .update(templates)
          .set({ archivedAt: now, updatedAt: now })
          .where(and(eq(templates.id, current.id), isNull(templates.archivedAt)))
          .returning({ id: templates.id });
        if (archived.length > 0) {
          await recordAudit(tx, now, {
            actor: principalOf(request),
            action: 'template.archived',
            subjectType: 'template',
            subjectId: current.id,
          });
        }
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/preview',
    {
      config: { permission: 'templates.read' },
      schema: {
        tags: ['templates'],
        summary: 'Fill a script for a customer (or sample values): the text, or a located problem',
        description:
          'A script that does not compile or a value missing at render answers 200 with `ok: false` and the problem’s line and column, so an editor can call this on every keystroke. Customer PII is filled in masked unless your role may see it.',
        body: previewRequestSchema,
        response: { 200: previewResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const input = request.body;
      const principal = principalOf(request);
      const saved = input.templateId !== undefined ? await load(input.templateId) : undefined;
      const source = saved?.body ?? input.body ?? '';
      const channel = input.channel ?? saved?.channel ?? 'sms';

      let customer: TemplateCustomer = { id: 'SAMPLE', ...input.sample };
      if (input.customerId !== undefined) {
        const found = await getCustomer(app.db, app.cipher, input.customerId);
        if (!found) throw appError('customer.not-found', `No customer has the id "${input.customerId}".`);
        customer = maySeePii(principal, found) ? found : maskCustomer(found);
      }
      const result = previewTemplate(source, customer, {
        channel,
        now: app.clock.now(),
        ...(input.event && { event: input.event }),
      });
      if (result.ok)
        return {
          ok: true as const,
          text: result.text,
          variables: [...result.variables],
          ...(result.sms && { sms: result.sms }),
        };
      return { ok: false as const, error: result.error };
    },
  );
};
