import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * The OpenAPI document, generated from the same zod schemas that validate requests and serialize
 * responses, served as `/openapi.json` and browsable at `/docs`. Registered before the routes so
 * it sees every one of them.
 */
export const openApiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Waymark API',
          description:
            'Customer-journey automation for retail-bank marketing. Sign in with POST /api/v1/auth/login (session cookie) or send `Authorization: Bearer wm_…` with an API token. Errors are application/problem+json with a stable `code`.',
          version: '1.0.0',
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'wm_session' },
            bearer: {
              type: 'http',
              scheme: 'bearer',
              description: 'An API token (wm_…) from POST /api/v1/tokens',
            },
          },
        },
        security: [{ session: [] }, { bearer: [] }],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });

    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'waymark-openapi' },
);
