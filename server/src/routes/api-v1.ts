import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authenticatePlugin } from '../plugins/authenticate.ts';
import { authRoutes } from './auth/index.ts';

/** Everything under /api/v1: authenticated, one encapsulated plugin per area. */
export const apiV1Routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(authenticatePlugin);
  await app.register(authRoutes, { prefix: '/auth' });
};
