import { schema } from '@waymark/db';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { approvalRowById } from '../../approvals/approval-rows.ts';
import { editedDraftSince } from '../../approvals/edited-draft-since.ts';
import { assertWaiting, closeApproval, lockApproval } from '../../approvals/lock-approval.ts';
import { appError } from '../../errors/app-error.ts';
import { errorResponses, idParams } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/authenticate.ts';
import { approvalViewSchema, toApprovalView } from './schemas.ts';

const { journeyVersions } = schema;

type Decision = 'approve' | 'reject';

/** Approve or reject a waiting request, never one's own (four eyes). */
export const approvalDecisionRoutes: FastifyPluginAsyncZod = async (app) => {
  const decide = (decision: Decision, summary: string) =>
    app.post(
      `/:id/${decision}`,
      {
        config: { permission: 'journeys.approve' },
        schema: {
          tags: ['approvals'],
          summary,
          description:
            'Refused to whoever asked for the approval (403 approval.own-request) or changed the draft since the live version (403 approval.own-changes), for a request already decided (409 approval.already-decided) or withdrawn by the planner (409 approval.withdrawn), and for one whose draft was edited since (409 approval.stale).',
          params: idParams,
          body: z.object({
            comment: z
              .string()
              .trim()
              .max(2000)
              .default('')
              .describe(
                decision === 'reject' ? 'Why, so the planner knows what to change (required)' : 'Optional',
              ),
          }),
          response: { 200: approvalViewSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { comment } = request.body;
        if (decision === 'reject' && comment === '') throw appError('approval.comment-required');
        const now = app.clock.now();
        const id = request.params.id;
        await app.db.transaction(async (tx) => {
          const { journey, approval } = await lockApproval(tx, id);
          if (approval.requestedBy === principal.userId) throw appError('approval.own-request');
          assertWaiting(approval);
          if (journey.status === 'archived') throw appError('journey.archived');
          const [live] =
            journey.liveVersion === null
              ? []
              : await tx.orm
                  .select({ publishedAt: journeyVersions.publishedAt })
                  .from(journeyVersions)
                  .where(
                    and(
                      eq(journeyVersions.journeyId, journey.id),
                      eq(journeyVersions.version, journey.liveVersion),
                    ),
                  );
          if (await editedDraftSince(tx, journey.id, principal.userId, live?.publishedAt ?? null)) {
            throw appError('approval.own-changes');
          }
          if (journey.draftRevision !== approval.draftRevision) {
            throw appError(
              'approval.stale',
              `The request covers revision ${approval.draftRevision}; the draft is now at revision ${journey.draftRevision}.`,
              { extensions: { currentRevision: journey.draftRevision } },
            );
          }
          await closeApproval(tx, approval, {
            status: decision === 'approve' ? 'approved' : 'rejected',
            actor: principal,
            now,
            decided: true,
            comment,
            details: { comment },
          });
        });
        const row = await approvalRowById(app.db, id);
        if (!row) throw appError('approval.not-found');
        return toApprovalView(row);
      },
    );

  decide('approve', 'Approve the draft revision the request covers, so it can be published once');
  decide('reject', 'Reject the request with a comment saying what to change');
};
