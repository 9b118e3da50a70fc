import { schema } from '@waymark/db';
import { diffGraphs, type JourneyGraph } from '@waymark/journey';
import { and, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ApprovalRow, selectApprovalRows } from '../../approvals/approval-rows.ts';
import { errorResponses } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/authenticate.ts';
import { approvalQueueItemSchema, toApprovalView } from './schemas.ts';

const { approvals, journeys, journeyVersions } = schema;

const statusFilters = ['pending', 'decided', 'all'] as const;

/** The approver's list: requests waiting for a decision (or the decided ones), newest first. */
export const approvalQueueRoute: FastifyPluginAsyncZod = async (app) => {
  /** What a waiting request would change against the live version; null once it went stale. */
  async function diffsOf(rows: readonly ApprovalRow[]) {
    const current = rows.filter((row) => row.state === 'pending');
    const ids = current.map((row) => row.journeyId);
    if (ids.length === 0) return new Map<string, ReturnType<typeof diffGraphs>>();
    const drafts = await app.db.orm
      .select({ id: journeys.id, draft: journeys.draft })
      .from(journeys)
      .where(inArray(journeys.id, ids));
    const lives = await app.db.orm
      .select({ journeyId: journeyVersions.journeyId, graph: journeyVersions.graph })
      .from(journeyVersions)
      .innerJoin(
        journeys,
        and(eq(journeys.id, journeyVersions.journeyId), eq(journeys.liveVersion, journeyVersions.version)),
      )
      .where(inArray(journeyVersions.journeyId, ids));
    const draftOf = new Map(drafts.map((d) => [d.id, d.draft as JourneyGraph]));
    const liveOf = new Map(lives.map((l) => [l.journeyId, l.graph as JourneyGraph]));
    return new Map(
      current.map((row) => [
        row.id,
        diffGraphs(liveOf.get(row.journeyId) ?? null, draftOf.get(row.journeyId) ?? null),
      ]),
    );
  }

  app.get(
    '',
    {
      config: { permission: 'journeys.approve' },
      schema: {
        tags: ['approvals'],
        summary: 'Approval requests, newest first: waiting ones with what they would change',
        querystring: z.object({
          status: z
            .enum(statusFilters)
            .default('pending')
            .describe(
              'pending: waiting for a decision (stale ones included, marked); decided: approved, rejected or withdrawn by the planner',
            ),
          journeyId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(100),
        }),
        response: { 200: z.object({ items: z.array(approvalQueueItemSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const { status, journeyId, limit } = request.query;
      const statuses =
        status === 'pending'
          ? (['pending'] as const)
          : status === 'decided'
            ? (['approved', 'rejected', 'withdrawn'] as const)
            : schema.approvalStatuses;
      const rows = await selectApprovalRows(
        app.db,
        and(
          inArray(approvals.status, [...statuses]),
          journeyId ? eq(approvals.journeyId, journeyId) : undefined,
          // An archived journey can never be published, so its request waits for nobody.
          status === 'pending' ? ne(journeys.status, 'archived') : undefined,
        ),
        limit,
      );
      const diffs = await diffsOf(rows);
      return { items: rows.map((row) => ({ ...toApprovalView(row), diff: diffs.get(row.id) ?? null })) };
    },
  );

  app.get(
    '/count',
    {
      config: { permission: 'journeys.approve' },
      schema: {
        tags: ['approvals'],
        summary: 'How many requests wait for the caller to decide, for the count beside the navigation',
        description:
          'Counts waiting requests whose draft has not moved on (stale ones cannot be approved), of journeys not archived, asked for by someone else (nobody decides their own). Cheaper than the queue: no changes are computed.',
        response: { 200: z.object({ waiting: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => {
      const [row] = await app.db.orm
        .select({ waiting: count() })
        .from(approvals)
        .innerJoin(journeys, eq(journeys.id, approvals.journeyId))
        .where(
          and(
            eq(approvals.status, 'pending'),
            eq(approvals.draftRevision, journeys.draftRevision),
            ne(journeys.status, 'archived'),
            sql`${approvals.requestedBy} IS DISTINCT FROM ${principalOf(request).userId}`,
          ),
        );
      return { waiting: row?.waiting ?? 0 };
    },
  );
};
