import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authenticatePlugin } from '../plugins/authenticate.ts';
import { approvalRoutes } from './approvals/index.ts';
import { auditRoutes } from './audit/index.ts';
import { authRoutes } from './auth/index.ts';
import { catalogRoutes } from './catalog/index.ts';
import { connectorRoutes } from './connectors/index.ts';
import { customerRoutes } from './customers/index.ts';
import { eventRoutes } from './events/index.ts';
import { importRoutes } from './imports/index.ts';
import { journeyRoutes } from './journeys/index.ts';
import { rmTaskRoutes } from './rm/index.ts';
import { sandboxRoutes } from './sandbox/index.ts';
import { segmentRoutes } from './segments/index.ts';
import { templateRoutes } from './templates/index.ts';
import { tokenRoutes } from './tokens/index.ts';
import { userRoutes } from './users/index.ts';

/** Everything under /api/v1: authenticated, one encapsulated plugin per area. */
export const apiV1Routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(authenticatePlugin);
  await app.register(authRoutes, { prefix: '/auth' });
  await app.register(tokenRoutes, { prefix: '/tokens' });
  await app.register(userRoutes, { prefix: '/users' });
  await app.register(connectorRoutes, { prefix: '/connectors' });
  await app.register(customerRoutes, { prefix: '/customers' });
  await app.register(importRoutes, { prefix: '/imports' });
  await app.register(eventRoutes, { prefix: '/events' });
  await app.register(segmentRoutes, { prefix: '/segments' });
  await app.register(templateRoutes, { prefix: '/templates' });
  await app.register(journeyRoutes, { prefix: '/journeys' });
  await app.register(approvalRoutes, { prefix: '/approvals' });
  await app.register(auditRoutes, { prefix: '/audit' });
  await app.register(sandboxRoutes, { prefix: '/sandbox' });
  await app.register(catalogRoutes, { prefix: '/catalog' });
  await app.register(rmTaskRoutes, { prefix: '/rm' });
};
