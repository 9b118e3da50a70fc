import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { approvalRowById } from '../../approvals/approval-rows.ts';
import { assertWaiting, closeApproval, lockApproval } from '../../approvals/lock-approval.ts';
import { appError } from '../../errors/app-error.ts';
import { errorResponses, idParams } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/authenticate.ts';
import { approvalViewSchema, toApprovalView } from './schemas.ts';

/** The maker takes back a request nobody decided yet (撤回), so it leaves the approvers' queue. */
export const approvalWithdrawRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/:id/withdraw',
    {
      config: { permission: 'journeys.publish' },
      schema: {
        tags: ['approvals'],
        summary: 'Withdraw a waiting approval request, so approvers no longer see it',
        description:
          'Only whoever requested it may withdraw it, or an administrator (journeys.withdraw-any-approval, for a requester who is away or has left); other planners get 403 approval.not-requester, and approvers reject instead. Only a waiting request can be withdrawn: 409 approval.already-decided (with `approvalStatus`) once approved or rejected, approval.withdrawn when withdrawn already, approval.stale when a newer request replaced it. The request keeps its history with status `withdrawn` and the withdrawer as `decidedBy`; the journey can then be submitted for approval again.',
        params: idParams,
        response: { 200: approvalViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const now = app.clock.now();
      const id = request.params.id;
      await app.db.transaction(async (tx) => {
        const { approval } = await lockApproval(tx, id);
        if (
          approval.requestedBy !== principal.userId &&
          !principal.permissions.has('journeys.withdraw-any-approval')
        ) {
          throw appError('approval.not-requester');
        }
        assertWaiting(approval);
        await closeApproval(tx, approval, {
          status: 'withdrawn',
          actor: principal,
          now,
          decided: true,
          details: { requestedBy: approval.requestedBy },
        });
      });
      const row = await approvalRowById(app.db, id);
      if (!row) throw appError('approval.not-found');
      return toApprovalView(row);
    },
  );
};
