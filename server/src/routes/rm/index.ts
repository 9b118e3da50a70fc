import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordAudit } from '../../audit/record-audit.ts';
import { appError } from '../../errors/app-error.ts';
import { errorResponses, pageOf } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/authenticate.ts';
import { listOpenTasks } from './open-tasks.ts';
import { recordOutcome } from './record-outcome.ts';
import { listRecordedTasks } from './recorded-tasks.ts';
import { outcomeBody, outcomeRecordedSchema, rmTaskSchema, taskListQuery, taskParams } from './schemas.ts';

/** The relationship managers' workbench (客户经理工作台): their journey tasks and the outcomes they record. */
export const rmTaskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tasks',
    {
      config: { permission: 'rm-tasks.work' },
      schema: {
        tags: ['rm-tasks'],
        summary: "Your customers' call and visit tasks from journeys, soonest deadline first",
        description:
          'Open tasks are customers waiting at an RM-task step of a live or paused journey. Talking points are filled in with the customer’s profile. Name and phone are clear for the customer’s own relationship manager (that view is audited), masked otherwise.',
        querystring: taskListQuery,
        response: { 200: pageOf(rmTaskSchema), ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { status, scope, limit, cursor } = request.query;
      if (scope === 'all' && !principal.permissions.has('rm-tasks.read-all')) {
        throw appError(
          'auth.forbidden',
          "Seeing every relationship manager's tasks needs rm-tasks.read-all.",
        );
      }
      const now = app.clock.now();
      const deps = { db: app.db, cipher: app.cipher, now };
      const query = { limit, cursor, ...(scope === 'mine' && { rmUserId: principal.userId }) };
      const page =
        status === 'open'
          ? await listOpenTasks(deps, principal, query)
          : await listRecordedTasks(deps, principal, query);
      if (page.clearCustomerIds.length > 0) {
        await recordAudit(app.db, now, {
          actor: principal,
          action: 'customer.pii-viewed',
          subjectType: 'customer',
          details: { via: 'rm-tasks', customerIds: page.clearCustomerIds },
        });
      }
      return { items: page.items, nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/tasks/:enrollmentId/:nodeId/outcome',
    {
      config: { permission: 'rm-tasks.work' },
      schema: {
        tags: ['rm-tasks'],
        summary:
          'Record the outcome of a task: the customer continues through "converted" or "not-interested"',
        description:
          'Only the customer’s own relationship manager may record it, once, before the deadline. The outcome is stored as an `rm.task.outcome` event and handed to the engine like any ingested event.',
        params: taskParams,
        body: outcomeBody,
        response: { 202: outcomeRecordedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { enrollmentId, nodeId } = request.params;
      const { outcome, note } = request.body;
      const recorded = await recordOutcome(
        { db: app.db, now: app.clock.now(), onEventsIngested: app.onEventsIngested, log: request.log },
        principalOf(request),
        { enrollmentId, nodeId, outcome, note: note === '' ? undefined : note },
      );
      return reply.status(202).send(recorded);
    },
  );
};
