import { schema } from '@waymark/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isApprovalRequired } from '../../approvals/approval-required.ts';
import { approvalRowById, latestApprovalOf } from '../../approvals/approval-rows.ts';
import { closeApproval } from '../../approvals/lock-approval.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { appError } from '../../errors/app-error.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { errorResponses, idParams } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/authenticate.ts';
import { approvalViewSchema, toApprovalView } from '../approvals/schemas.ts';
import { loadJourney } from './load-journey.ts';
import { lockJourney } from './lock-journey.ts';
import { publishableDraft } from './publishable-draft.ts';
import { nextStatus } from './state-machine.ts';

const { approvals, journeyVersions } = schema;

/** A journey's side of maker–checker: where its approval stands, and asking for one. */
export const journeyApprovalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:id/approval',
    {
      config: { permission: 'journeys.read' },
      schema: {
        tags: ['approvals'],
        summary: 'Whether publishing needs approval, and the newest approval request of this journey',
        params: idParams,
        response: {
          200: z.object({
            required: z.boolean().describe('Publishing needs an approved request (WAYMARK_PUBLISH_APPROVAL)'),
            request: approvalViewSchema.nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const journey = await loadJourney(app.db, request.params.id);
      const latest = await latestApprovalOf(app.db, journey.id);
      return {
        required: isApprovalRequired(app.serverConfig),
        request: latest ? toApprovalView(latest) : null,
      };
    },
  );

  app.post(
    '/:id/approval-requests',
    {
      config: { permission: 'journeys.publish' },
      schema: {
        tags: ['approvals'],
        summary: 'Ask an approver to sign off the current draft revision before it is published',
        description:
          'The request covers exactly `baseRevision`: saving the draft afterwards makes it stale. A journey has at most one request waiting (409 approval.already-requested); a waiting request for an older revision is superseded by the new one. The draft must be valid (422 journey.invalid) and differ from the live version (409 journey.unchanged).',
        params: idParams,
        body: z.object({
          baseRevision: z.number().int().min(1).describe('The draft revision to approve'),
          note: z.string().trim().max(2000).default('').describe('What changed and why, for the approver'),
        }),
        response: { 201: approvalViewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!isApprovalRequired(app.serverConfig)) throw appError('approval.not-required');
      const principal = principalOf(request);
      const { baseRevision, note } = request.body;
      const now = app.clock.now();
      let approvalId: string;
      try {
        approvalId = await app.db.transaction(async (tx) => {
          const current = await lockJourney(tx, request.params.id);
          nextStatus(current.status, 'publish');
          if (baseRevision !== current.draftRevision) {
            throw appError(
              'journey.revision-conflict',
              `You asked for revision ${baseRevision}; the draft is now at revision ${current.draftRevision}.`,
              { extensions: { currentRevision: current.draftRevision } },
            );
          }
          await publishableDraft(tx, current, now);

          const open = await tx.orm
            .select({
              id: approvals.id,
              status: approvals.status,
              draftRevision: approvals.draftRevision,
              usedBy: journeyVersions.version,
            })
            .from(approvals)
            .leftJoin(journeyVersions, eq(journeyVersions.approvalId, approvals.id))
            .where(
              and(eq(approvals.journeyId, current.id), inArray(approvals.status, ['pending', 'approved'])),
            );
          for (const existing of open) {
            if (existing.draftRevision !== current.draftRevision) continue;
            if (existing.status === 'pending') throw appError('approval.already-requested');
            if (existing.usedBy === null) throw appError('approval.already-approved');
          }
          // A request still waiting for an older revision covers a draft that no longer exists.
          for (const stale of open.filter((o) => o.status === 'pending')) {
            await closeApproval(
              tx,
              { ...stale, journeyId: current.id },
              {
                status: 'superseded',
                actor: principal,
                now,
                decided: false,
              },
            );
          }

          const [inserted] = await tx.orm
            .insert(approvals)
            .values({
              journeyId: current.id,
              draftRevision: current.draftRevision,
              status: 'pending',
              requestedBy: principal.userId,
              requestedAt: now,
              note,
            })
            .returning({ id: approvals.id });
          if (!inserted) throw new Error('insert returned no row');
          await recordAudit(tx, now, {
            actor: principal,
            action: 'journey.approval-requested',
            subjectType: 'journey',
            subjectId: current.id,
            details: {
              approvalId: inserted.id,
              draftRevision: current.draftRevision,
              liveVersion: current.liveVersion,
            },
          });
          return inserted.id;
        });
      } catch (error) {
        // Two requests at the same moment: the partial unique index lets only one wait.
        if (isUniqueViolation(error, 'approvals_one_pending_per_journey'))
          throw appError('approval.already-requested');
        throw error;
      }
      const row = await approvalRowById(app.db, approvalId);
      if (!row) throw new Error('the approval request just stored is gone');
      return reply.status(201).send(toApprovalView(row));
    },
  );
};
