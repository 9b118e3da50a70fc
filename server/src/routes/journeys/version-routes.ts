import { schema } from '@waymark/db';
import { diffGraphs, type JourneyGraph } from '@waymark/journey';
import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appError } from '../../errors/app-error.ts';
import { errorResponses, idParams } from '../../lib/http-schemas.ts';
import { loadJourney } from './load-journey.ts';
import { graphDiffSchema, versionSummarySchema, versionViewSchema } from './schemas.ts';

const { approvals, journeyVersions, users } = schema;
const approver = alias(users, 'approver');

/** A version's summary, with who approved it when it was published under an approval. */
const versionColumns = {
  version: journeyVersions.version,
  publishedBy: journeyVersions.publishedBy,
  publishedAt: journeyVersions.publishedAt,
  note: journeyVersions.note,
  approvalId: journeyVersions.approvalId,
  approvedByName: approver.displayName,
};

const versionRef = z
  .union([z.literal('draft'), z.coerce.number().int().min(1)])
  .describe('A version number, or "draft"');

/** Published versions (immutable) and what changed between two of them or the draft. */
export const journeyVersionRoutes: FastifyPluginAsyncZod = async (app) => {
  const versionGraph = async (journeyId: string, version: number) => {
    const [row] = await app.db.orm
      .select({ ...versionColumns, graph: journeyVersions.graph })
      .from(journeyVersions)
      .leftJoin(approvals, eq(approvals.id, journeyVersions.approvalId))
      .leftJoin(approver, eq(approver.id, approvals.decidedBy))
      .where(and(eq(journeyVersions.journeyId, journeyId), eq(journeyVersions.version, version)));
    if (!row) throw appError('journey.version-not-found', `Version ${version} was never published.`);
    return row;
  };

  app.get(
    '/:id/versions',
    {
      config: { permission: 'journeys.read' },
      schema: {
        tags: ['journeys'],
        summary: 'Published versions, newest first',
        params: idParams,
        response: { 200: z.object({ items: z.array(versionSummarySchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const journey = await loadJourney(app.db, request.params.id);
      const items = await app.db.orm
        .select(versionColumns)
        .from(journeyVersions)
        .leftJoin(approvals, eq(approvals.id, journeyVersions.approvalId))
        .leftJoin(approver, eq(approver.id, approvals.decidedBy))
        .where(eq(journeyVersions.journeyId, journey.id))
        .orderBy(desc(journeyVersions.version));
      return { items };
    },
  );

  app.get(
    '/:id/versions/:version',
    {
      config: { permission: 'journeys.read' },
      schema: {
        tags: ['journeys'],
        summary: 'One published version with its frozen graph',
        params: idParams.extend({ version: z.coerce.number().int().min(1) }),
        response: { 200: versionViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const journey = await loadJourney(app.db, request.params.id);
      const row = await versionGraph(journey.id, request.params.version);
      return {
        version: row.version,
        publishedBy: row.publishedBy,
        publishedAt: row.publishedAt,
        note: row.note,
        approvalId: row.approvalId,
        approvedByName: row.approvedByName,
        graph: row.graph as z.infer<typeof versionViewSchema>['graph'],
      };
    },
  );

  app.get(
    '/:id/diff',
    {
      config: { permission: 'journeys.read' },
      schema: {
        tags: ['journeys'],
        summary: 'What changed between two versions (default: from the live version to the draft)',
        params: idParams,
        querystring: z.object({ from: versionRef.optional(), to: versionRef.default('draft') }),
        response: { 200: graphDiffSchema, ...errorResponses },
      },
    },
    async (request) => {
      const journey = await loadJourney(app.db, request.params.id);
      const graphOf = async (ref: 'draft' | number | undefined): Promise<JourneyGraph | null> => {
        if (ref === 'draft') return journey.draft as JourneyGraph;
        if (ref === undefined) {
          // Nothing published yet: everything in the draft is new.
          return journey.liveVersion === null ? null : graphOf(journey.liveVersion);
        }
        return (await versionGraph(journey.id, ref)).graph as JourneyGraph;
      };
      const { from, to } = request.query;
      return diffGraphs(await graphOf(from), await graphOf(to));
    },
  );
};
