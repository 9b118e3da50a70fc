import { schema } from '@waymark/db';
import { validate } from '@waymark/journey';
import { eq, max } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { approvalForPublish } from '../../approvals/approval-for-publish.ts';
import { isApprovalRequired } from '../../approvals/approval-required.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { JourneyLifecycleChange } from '../../deps.ts';
import { appError } from '../../errors/app-error.ts';
import { errorResponses, idParams } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/authenticate.ts';
import { loadJourney } from './load-journey.ts';
import { lockJourney } from './lock-journey.ts';
import { publishableDraft } from './publishable-draft.ts';
import { draftGraphSchema, journeyProblemSchema, journeySummarySchema, toSummary } from './schemas.ts';
import { type LifecycleAction, nextStatus } from './state-machine.ts';
import { loadValidationContext } from './validation-context.ts';

const { journeys, journeyVersions } = schema;

/** Validate, publish, pause, resume and archive: the journey's state machine. */
export const journeyLifecycleRoutes: FastifyPluginAsyncZod = async (app) => {
  const notify = async (change: JourneyLifecycleChange) => {
    try {
      await app.onJourneyLifecycle?.(change);
    } catch (err) {
      app.log.error({ err, change }, 'journey change committed but the engine was not told');
    }
  };

  app.post(
    '/:id/validate',
    {
      config: { permission: 'journeys.read' },
      schema: {
        tags: ['journeys'],
        summary: 'Every problem that would stop the draft (or a graph you send) from being published',
        params: idParams,
        body: z.object({ graph: draftGraphSchema.optional() }).nullish(),
        response: {
          200: z.object({ valid: z.boolean(), problems: z.array(journeyProblemSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const row = await loadJourney(app.db, request.params.id);
      const context = await loadValidationContext(app.db, app.clock.now());
      const problems = validate(request.body?.graph ?? row.draft, context);
      return { valid: problems.length === 0, problems };
    },
  );

  app.post(
    '/:id/publish',
    {
      config: { permission: 'journeys.publish' },
      schema: {
        tags: ['journeys'],
        summary:
          'Freeze the draft as the next immutable version and make it live (422 with the problems when invalid)',
        description:
          'When publishing needs approval (WAYMARK_PUBLISH_APPROVAL=required), only an approved request for the current draft revision allows it, once: otherwise 409 approval.required, approval.pending, approval.rejected, approval.stale or approval.used.',
        params: idParams,
        body: z.object({
          baseRevision: z.number().int().min(1).optional().describe('The draft revision you reviewed'),
          note: z.string().max(2000).default(''),
        }),
        response: {
          201: z.object({
            journey: journeySummarySchema,
            version: z.number().int(),
            approvalId: z
              .string()
              .nullable()
              .describe('The approval the version was published under (null when approval is off)'),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { baseRevision, note } = request.body;
      const now = app.clock.now();
      const result = await app.db.transaction(async (tx) => {
        const current = await lockJourney(tx, request.params.id);
        nextStatus(current.status, 'publish');
        if (baseRevision !== undefined && baseRevision !== current.draftRevision) {
          throw appError(
            'journey.revision-conflict',
            `You reviewed revision ${baseRevision}; the draft is now at revision ${current.draftRevision}.`,
            { extensions: { currentRevision: current.draftRevision } },
          );
        }
        // The approval gate comes first: without sign-off, nothing else about the draft matters yet.
        const approvalId = isApprovalRequired(app.serverConfig)
          ? await approvalForPublish(tx, current.id, current.draftRevision)
          : null;
        const graph = await publishableDraft(tx, current, now);
        const [latest] = await tx.orm
          .select({ version: max(journeyVersions.version) })
          .from(journeyVersions)
          .where(eq(journeyVersions.journeyId, current.id));
        const version = (latest?.version ?? 0) + 1;
        await tx.orm.insert(journeyVersions).values({
          journeyId: current.id,
          version,
          graph,
          publishedBy: principal.userId,
          publishedAt: now,
          approvalId,
          note,
        });
        const [updated] = await tx.orm
          .update(journeys)
          .set({
            status: 'live',
            liveVersion: version,
            archivedAt: null,
            updatedAt: now,
            updatedBy: principal.userId,
          })
          .where(eq(journeys.id, current.id))
          .returning();
        await recordAudit(tx, now, {
          actor: principal,
          action: 'journey.published',
          subjectType: 'journey',
          subjectId: current.id,
          details: {
            version,
            draftRevision: current.draftRevision,
            previousVersion: current.liveVersion,
            ...(approvalId && { approvalId }),
          },
        });
        return { journey: updated ?? current, version, approvalId };
      });
      await notify({ journeyId: result.journey.id, action: 'publish', version: result.version });
      return reply.status(201).send({
        journey: toSummary(result.journey),
        version: result.version,
        approvalId: result.approvalId,
      });
    },
  );

  const transition = (action: Exclude<LifecycleAction, 'publish'>, summary: string) =>
    app.post(
      `/:id/${action}`,
      {
        config: { permission: 'journeys.publish' },
        schema: {
          tags: ['journeys'],
          summary,
          params: idParams,
          response: { 200: journeySummarySchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const now = app.clock.now();
        const row = await app.db.transaction(async (tx) => {
          const current = await lockJourney(tx, request.params.id);
          const status = nextStatus(current.status, action);
          const [updated] = await tx.orm
            .update(journeys)
            .set({
              status,
              updatedAt: now,
              updatedBy: principal.userId,
              ...(action === 'archive' && { archivedAt: now }),
            })
            .where(eq(journeys.id, current.id))
            .returning();
          await recordAudit(tx, now, {
            actor: principal,
            action: `journey.${action === 'pause' ? 'paused' : action === 'resume' ? 'resumed' : 'archived'}`,
            subjectType: 'journey',
            subjectId: current.id,
            details: { from: current.status, to: status },
          });
          return updated ?? current;
        });
        await notify({ journeyId: row.id, action, version: row.liveVersion });
        return toSummary(row);
      },
    );

  transition('pause', 'Pause a live journey: no new entries, sends held');
  transition('resume', 'Resume a paused journey');
  transition('archive', 'Archive a journey: customers still inside exit; it can no longer be edited');
};
