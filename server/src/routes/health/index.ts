import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerBusinessGauges } from './business-gauges.ts';

const checkResult = z.enum(['ok', 'failed', 'not-configured']);
const readiness = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.object({ postgres: checkResult, redis: checkResult }),
});

const CHECK_TIMEOUT_MS = 2_000;

async function passes(check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness, readiness and Prometheus metrics, outside /api and without authentication. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  registerBusinessGauges(app.metrics, app.db);

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Postgres (and Redis, when configured) answer',
        response: { 200: readiness, 503: readiness },
      },
    },
    async (request, reply) => {
      const redis = app.redis;
      const [postgresOk, redisOk] = await Promise.all([
        passes(() => app.db.query('SELECT 1')),
        redis ? passes(() => redis.ping()) : Promise.resolve(undefined),
      ]);
      const checks = {
        postgres: postgresOk ? ('ok' as const) : ('failed' as const),
        redis:
          redisOk === undefined
            ? ('not-configured' as const)
            : redisOk
              ? ('ok' as const)
              : ('failed' as const),
      };
      const ready = postgresOk && redisOk !== false;
      if (!ready) request.log.warn({ checks }, 'not ready');
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', checks });
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics (text exposition format)',
        response: { 200: z.string() },
      },
    },
    async (_request, reply) => {
      reply.type(app.metrics.contentType);
      return app.metrics.metrics();
    },
  );
};
