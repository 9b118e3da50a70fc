import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { approvalDecisionRoutes } from './decision-routes.ts';
import { approvalQueueRoute } from './queue-route.ts';
import { approvalWithdrawRoute } from './withdraw-route.ts';

/**
 * The approver's side of maker–checker (审批): the queue of requests and the decisions, and the
 * requester's way to take a waiting request back.
 */
export const approvalRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(approvalQueueRoute);
  await app.register(approvalDecisionRoutes);
  await app.register(approvalWithdrawRoute);
};
