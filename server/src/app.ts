import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type AppDeps, systemClock } from './deps.ts';
import { errorHandlerPlugin } from './errors/error-handler.ts';
import { loggerOptions } from './lib/logger-options.ts';
import { defaultLimits } from './limits.ts';
import { backgroundTasksPlugin } from './plugins/background-tasks.ts';
import { contextPlugin } from './plugins/context.ts';
import { jsonBodyPlugin } from './plugins/json-body.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import { openApiPlugin } from './plugins/openapi.ts';
import { webAppPlugin } from './plugins/web-app.ts';
import { apiV1Routes } from './routes/api-v1.ts';
import { healthRoutes } from './routes/health/index.ts';

/** The Fastify instance `buildApp` returns, typed for zod schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * Builds the HTTP API without listening: registers plugins and routes and returns the app.
 * `main` listens on it; tests call `app.inject()`. Close it with `app.close()` (the caller owns
 * `deps.db` and `deps.redis` and closes them itself).
 */
export async function buildApp(deps: AppDeps): Promise<App> {
  const limits = { ...defaultLimits, ...deps.limits };
  const app = Fastify({
    logger: loggerOptions(deps.logger),
    bodyLimit: limits.jsonBodyBytes,
    routerOptions: { ignoreTrailingSlash: true },
    // A proxy's request id is kept when it looks like one; anything else gets a fresh UUID, so a
    // client cannot flood the logs with a megabyte-long id.
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Ecosystem plugins, then ours, then routes (the OpenAPI plugin must see every route).
  // The error handler first: Fastify binds it to routes as they are registered.
  await app.register(errorHandlerPlugin);
  await app.register(jsonBodyPlugin);
  await app.register(cookie);
  await app.register(openApiPlugin);
  await app.register(metricsPlugin);
  await app.register(backgroundTasksPlugin);
  await app.register(contextPlugin, { deps, clock: deps.clock ?? systemClock, limits });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Cheap defaults that close whole classes of browser attacks on the app and the API.
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
  });

  await app.register(healthRoutes);
  await app.register(apiV1Routes, { prefix: '/api/v1' });
  if (deps.webAppDir) await app.register(webAppPlugin, { root: deps.webAppDir });
  return app;
}
