import type { Condition } from '@waymark/conditions';
import { getCustomer, getCustomerTimeline, schema, searchCustomers, upsertCustomers } from '@waymark/db';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit.ts';
import { maySeePii } from '../../auth/pii-access.ts';
import { appError } from '../../errors/app-error.ts';
import { customerConditionSql, readCondition } from '../../lib/condition-input.ts';
import { errorResponses, idParams, isUuid, pageOf } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/authenticate.ts';
import { customerImportRoute } from './import-route.ts';
import { customerInputSchema, customerViewSchema, timelineItemSchema, toCustomerView } from './schemas.ts';

const listQuery = z.object({
  q: z.string().trim().max(64).optional().describe('A customer-number prefix or a phone number'),
  tag: z.string().trim().min(1).max(64).optional(),
  segmentId: z.string().max(64).optional().describe('Only customers in this saved segment'),
  condition: z.string().max(100_000).optional().describe('Only customers matching this condition (JSON)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

const profileQuery = z.object({
  timelineLimit: z.coerce.number().int().min(1).max(200).default(50),
  timelineCursor: z.string().max(500).optional(),
});

/** Customer profiles: bulk upsert, search, one profile with its timeline, CSV import. */
export const customerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/batch',
    {
      config: { permission: 'customers.write' },
      schema: {
        tags: ['customers'],
        summary: 'Create or update up to 10,000 customers in one call (all or nothing)',
        description:
          'Fields left out keep their stored value; null clears them. `attributes` and `consent` are merged key by key unless `attributes: "replace"`; `tags` replace the stored list. When an id appears twice, the last one wins.',
        body: z.object({
          customers: z.array(customerInputSchema).min(1),
          attributes: z.enum(['merge', 'replace']).default('merge'),
        }),
        response: {
          200: z.object({ inserted: z.number().int(), updated: z.number().int() }),
          ...errorResponses,
        },
      },
      // Checked before the per-customer validation, so an oversized batch gets a clear answer fast.
      preValidation: async (request) => {
        const customers = (request.body as { customers?: unknown } | null)?.customers;
        const max = app.limits.customersPerBatch;
        if (Array.isArray(customers) && customers.length > max) {
          throw appError(
            'customer.batch-too-large',
            `Send at most ${max.toLocaleString('en')} customers per call; this one had ${customers.length.toLocaleString('en')}. Split the list, or use POST /customers/import for a file.`,
          );
        }
      },
    },
    async (request) => {
      const { customers, attributes } = request.body;
      const now = app.clock.now();
      return app.db.transaction(async (tx) => {
        const result = await upsertCustomers(tx, app.cipher, customers, { attributes });
        await recordAudit(tx, now, {
          actor: principalOf(request),
          action: 'customers.upserted',
          subjectType: 'customer',
          details: { ...result, ...(customers.length <= 20 && { ids: customers.map((c) => c.id) }) },
        });
        return result;
      });
    },
  );

  app.get(
    '',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: ['customers'],
        summary: 'Search customers by id prefix or phone, tag, segment or condition; PII is masked in lists',
        querystring: listQuery,
        response: { 200: pageOf(customerViewSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { q, tag, segmentId, condition, limit, cursor } = request.query;
      const filters: Condition[] = [];
      if (segmentId !== undefined) {
        const [segment] = isUuid(segmentId)
          ? await app.db.orm.select().from(schema.segments).where(eq(schema.segments.id, segmentId))
          : [];
        if (!segment) throw appError('segment.not-found');
        filters.push(readCondition(segment.condition, 'segment.condition'));
      }
      if (condition !== undefined) filters.push(readCondition(condition, 'query.condition'));
      const compiled =
        filters.length === 0
          ? undefined
          : customerConditionSql(filters.length === 1 ? filters[0]! : { type: 'all', conditions: filters }, {
              now: app.clock.now(),
              customerAlias: 'customers',
            });
      const page = await searchCustomers(app.db, app.cipher, {
        limit,
        ...(compiled && { condition: compiled }),
        ...(q && { q }),
        ...(tag && { tag }),
        ...(cursor && { cursor }),
      });
      return { items: page.items.map((c) => toCustomerView(c, false)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/:id',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: ['customers'],
        summary: 'One customer with their timeline of events, journeys and messages',
        description:
          'Name, phone, ID number and e-mail are shown in clear only to roles allowed to see them (and that view is audited).',
        params: idParams,
        querystring: profileQuery,
        response: {
          200: z.object({ customer: customerViewSchema, timeline: pageOf(timelineItemSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const customer = await getCustomer(app.db, app.cipher, request.params.id);
      if (!customer) throw appError('customer.not-found', `No customer has the id "${request.params.id}".`);
      const { timelineLimit, timelineCursor } = request.query;
      let timeline: Awaited<ReturnType<typeof getCustomerTimeline>>;
      try {
        timeline = await getCustomerTimeline(app.db, customer.id, {
          limit: timelineLimit,
          ...(timelineCursor && { cursor: timelineCursor }),
        });
      } catch (error) {
        if (error instanceof RangeError) throw appError('request.invalid-cursor', error.message);
        throw error;
      }
      const showPii = maySeePii(principal, customer);
      if (showPii) {
        await recordAudit(app.db, app.clock.now(), {
          actor: principal,
          action: 'customer.pii-viewed',
          subjectType: 'customer',
          subjectId: customer.id,
        });
      }
      return { customer: toCustomerView(customer, showPii), timeline };
    },
  );

  await app.register(customerImportRoute);
};
