import { schema } from '@waymark/db';
import { and, desc, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isApprovalRequired } from '../../approvals/approval-required.ts';
import { type ApprovalRow, latestApprovalsOf } from '../../approvals/approval-rows.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { errorResponses, pageOf } from '../../lib/http-schemas.ts';
import { escapeLike } from '../../lib/like.ts';
import { principalOf } from '../../plugins/authenticate.ts';
import { approvalBriefSchema, toApprovalBrief } from '../approvals/schemas.ts';
import { journeySummarySchema, toSummary } from './schemas.ts';

const { journeys } = schema;

const listQuery = z.object({
  status: z.enum(schema.journeyStatuses).optional(),
  q: z.string().trim().max(100).optional().describe('Part of the name'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** The same totals as GET /journeys/:id/stats, over every version of the journey. */
const journeyTotalsSchema = z
  .object({
    entered: z.number().int().describe('Customers who entered, counting each entry'),
    converted: z.number().int().describe('Entries that reached the goal'),
    conversionRate: z.number().nullable().describe('converted ÷ entered; null before anyone entered'),
    active: z.number().int().describe('Inside the journey now, running or waiting'),
  })
  .meta({ id: 'JourneyTotals' });

const journeyListItemSchema = journeySummarySchema
  .extend({
    totals: journeyTotalsSchema
      .nullable()
      .describe('Null for users without reports.read (the same people who cannot read /stats)'),
    approval: approvalBriefSchema
      .nullable()
      .describe(
        "Where the journey's newest approval request stands: null when nobody asked, when it was published or superseded, and whenever publishing needs no approval (WAYMARK_PUBLISH_APPROVAL off)",
      ),
  })
  .meta({ id: 'JourneyListItem' });

/*
 * Correlated counts for one listed journey, read through the (journey_id, status) and
 * (journey_id, converted_at) indexes. The outer row is named in full: drizzle would write a bare
 * "id", which inside these subqueries means e.id.
 */
const entered = sql<number>`(SELECT count(*)::int FROM enrollments e WHERE e.journey_id = journeys.id)`;
const active = sql<number>`(SELECT count(*)::int FROM enrollments e WHERE e.journey_id = journeys.id AND e.status IN ('active', 'waiting'))`;
const converted = sql<number>`(SELECT count(*)::int FROM conversions c WHERE c.journey_id = journeys.id)`;

const briefOf = (row: ApprovalRow | undefined) => (row ? toApprovalBrief(row) : null);

/**
 * GET /journeys: the list page's rows with their live totals in one query, then the newest
 * approval request of every row on the page in one more.
 */
export const journeyListRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '',
    {
      config: { permission: 'journeys.read' },
      schema: {
        tags: ['journeys'],
        summary:
          'Journeys, most recently changed first, filtered by status and name, with their totals and where their approval stands',
        querystring: listQuery,
        response: { 200: pageOf(journeyListItemSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { status, q, limit, cursor } = request.query;
      const after = cursor ? decodeCursor(cursor, ['date', 'string']) : undefined;
      const withTotals = principalOf(request).permissions.has('reports.read');
      const order = [desc(journeys.updatedAt), desc(journeys.id)];
      // The page is chosen first (filter, order, limit) and the counts are selected only for its
      // rows, in the same statement: in an output column next to ORDER BY … LIMIT, Postgres would
      // count every journey that matches the filter.
      const pageIds = app.db.orm
        .select({ id: journeys.id })
        .from(journeys)
        .where(
          and(
            status ? eq(journeys.status, status) : undefined,
            q ? ilike(journeys.name, `%${escapeLike(q)}%`) : undefined,
            after
              ? or(
                  lt(journeys.updatedAt, after[0]),
                  and(eq(journeys.updatedAt, after[0]), lt(journeys.id, after[1])),
                )
              : undefined,
          ),
        )
        .orderBy(...order)
        .limit(limit + 1);
      const rows = await app.db.orm
        .select({
          journey: journeys,
          entered: withTotals ? entered : sql<null>`NULL`,
          active: withTotals ? active : sql<null>`NULL`,
          converted: withTotals ? converted : sql<null>`NULL`,
        })
        .from(journeys)
        .where(inArray(journeys.id, pageIds))
        .orderBy(...order);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1]?.journey;
      // Without the approval gate the list says nothing about approval, rather than show history:
      // publishing then spends no request, so an old approval would keep inviting the planner to
      // publish after they did, and an old waiting request would seem to hold publishing up. The
      // journey's own approval (GET /journeys/:id/approval) and 待审批 still show that history.
      const approvals = isApprovalRequired(app.serverConfig)
        ? await latestApprovalsOf(
            app.db,
            // An archived journey can never be published: its request waits for nobody (as in 待审批).
            page.filter((row) => row.journey.status !== 'archived').map((row) => row.journey.id),
          )
        : new Map<string, ApprovalRow>();
      return {
        items: page.map((row) => ({
          ...toSummary(row.journey),
          totals:
            row.entered === null || row.active === null || row.converted === null
              ? null
              : {
                  entered: row.entered,
                  converted: row.converted,
                  conversionRate: row.entered > 0 ? row.converted / row.entered : null,
                  active: row.active,
                },
          approval: briefOf(approvals.get(row.journey.id)),
        })),
        nextCursor: rows.length > limit && last ? encodeCursor([last.updatedAt, last.id]) : null,
      };
    },
  );
};
