import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/authenticate.ts';
import { maskRecipient, sandboxInboxSchema, sandboxQuerySchema } from './schemas.ts';

/**
 * The demo sandbox's inbox: what the local SMS, WeCom, push and e-mail providers received, so a planner
 * trying the demo sees what customers would have got. Read-only; empty and `running: false`
 * wherever the sandbox does not run (always so in production).
 */
export const sandboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/messages',
    {
      config: { permission: 'connectors.read' },
      schema: {
        tags: ['sandbox'],
        summary: 'Messages the demo sandbox providers received, newest first',
        querystring: sandboxQuerySchema,
        response: { 200: sandboxInboxSchema, ...errorResponses },
      },
    },
    async (request) => {
      const inbox = app.sandbox;
      if (!inbox) return { running: false, capacity: 0, received: 0, items: [] };
      const showPii = principalOf(request).permissions.has('customers.read-pii');
      return {
        running: true,
        capacity: inbox.capacity,
        received: inbox.received,
        items: inbox.list(request.query).map((m) => maskRecipient(m, showPii)),
      };
    },
  );
};
