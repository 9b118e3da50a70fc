import { schema } from '@waymark/db';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit.ts';
import { appError } from '../../errors/app-error.ts';
import { errorResponses, idParams } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/authenticate.ts';
import { journeyApprovalRoutes } from './approval-routes.ts';
import { journeyLifecycleRoutes } from './lifecycle-routes.ts';
import { journeyListRoute } from './list-route.ts';
import { loadJourney } from './load-journey.ts';
import { draftGraphSchema, emptyGraph, journeyViewSchema, toView } from './schemas.ts';
import { journeyStatsRoute } from './stats/stats-route.ts';
import { journeyVersionRoutes } from './version-routes.ts';

const { journeys } = schema;

/** Journeys: the editable draft (optimistic revisions), lifecycle and published versions. */
export const journeyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '',
    {
      config: { permission: 'journeys.write' },
      schema: {
        tags: ['journeys'],
        summary: 'Create a journey (status draft)',
        body: z.object({
          name: z.string().trim().min(1).max(200),
          description: z.string().max(2000).default(''),
          graph: draftGraphSchema.optional(),
        }),
        response: { 201: journeyViewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const now = app.clock.now();
      const { name, description, graph } = request.body;
      const row = await app.db.transaction(async (tx) => {
        const [inserted] = await tx.orm
          .insert(journeys)
          .values({
            name,
            description,
            draft: graph ?? emptyGraph,
            createdBy: principal.userId,
            updatedBy: principal.userId,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!inserted) throw new Error('insert returned no row');
        await recordAudit(tx, now, {
          actor: principal,
          action: 'journey.created',
          subjectType: 'journey',
          subjectId: inserted.id,
          details: { name },
        });
        return inserted;
      });
      return reply.status(201).send(toView(row));
    },
  );

  app.get(
    '/:id',
    {
      config: { permission: 'journeys.read' },
      schema: {
        tags: ['journeys'],
        summary: 'One journey with its draft graph',
        params: idParams,
        response: { 200: journeyViewSchema, ...errorResponses },
      },
    },
    async (request) => toView(await loadJourney(app.db, request.params.id)),
  );

  app.put(
    '/:id',
    {
      config: { permission: 'journeys.write' },
      schema: {
        tags: ['journeys'],
        summary: 'Save the draft; 409 journey.revision-conflict when it changed since baseRevision',
        description:
          'Send the draftRevision you loaded as baseRevision. When someone saved in between, nothing is written and the answer carries currentRevision, so two tabs never overwrite each other silently.',
        params: idParams,
        body: z.object({
          baseRevision: z.number().int().min(1),
          name: z.string().trim().min(1).max(200).optional(),
          description: z.string().max(2000).optional(),
          graph: draftGraphSchema,
        }),
        response: { 200: journeyViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { baseRevision, name, description, graph } = request.body;
      const current = await loadJourney(app.db, request.params.id);
      if (current.status === 'archived') throw appError('journey.archived');
      const principal = principalOf(request);
      const now = app.clock.now();
      const row = await app.db.transaction(async (tx) => {
        const [updated] = await tx.orm
          .update(journeys)
          .set({
            draft: graph,
            draftRevision: baseRevision + 1,
            ...(name !== undefined && { name }),
            ...(description !== undefined && { description }),
            updatedBy: principal.userId,
            updatedAt: now,
          })
          .where(and(eq(journeys.id, current.id), eq(journeys.draftRevision, baseRevision)))
          .returning();
        if (!updated) return undefined;
        await recordAudit(tx, now, {
          actor: principal,
          action: 'journey.draft-saved',
          subjectType: 'journey',
          subjectId: current.id,
          details: {
            fromRevision: baseRevision,
            toRevision: updated.draftRevision,
            nodes: graph.nodes.length,
          },
        });
        return updated;
      });
      if (!row) {
        const latest = await loadJourney(app.db, current.id);
        if (latest.status === 'archived') throw appError('journey.archived');
        throw appError(
          'journey.revision-conflict',
          `You edited revision ${baseRevision}; revision ${latest.draftRevision} was saved since.`,
          {
            extensions: {
              currentRevision: latest.draftRevision,
              updatedBy: latest.updatedBy,
              updatedAt: latest.updatedAt.toISOString(),
            },
          },
        );
      }
      return toView(row);
    },
  );

  await app.register(journeyListRoute);
  await app.register(journeyLifecycleRoutes);
  await app.register(journeyApprovalRoutes);
  await app.register(journeyVersionRoutes);
  await app.register(journeyStatsRoute);
};
