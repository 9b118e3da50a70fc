import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { appError } from '../errors/app-error.ts';

export interface WebAppOptions {
  /** The built web app (`web/dist`): index.html plus hashed assets. */
  root: string;
}

function wantsPage(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * Serves the built single-page app from the same origin as the API: hashed assets cached for a
 * year, index.html never cached, and any other page address a browser asks for (a deep link such
 * as /journeys/42) answered with index.html so the app's router takes over. API paths and
 * non-page requests still get the problem+json 404.
 */
export const webAppPlugin = fp<WebAppOptions>(
  async (app: FastifyInstance, { root }) => {
    if (!existsSync(join(root, 'index.html'))) {
      throw new Error(
        `The web app is not built: ${join(root, 'index.html')} is missing (run the web build).`,
      );
    }
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      // Our own cache headers below; the plugin's default would cache index.html too.
      cacheControl: false,
      setHeaders(reply, path) {
        reply.header(
          'cache-control',
          path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        );
      },
    });

    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      const isApi = path.startsWith('/api/') || path === '/api';
      if (isApi || !wantsPage(request)) {
        throw appError('route.not-found', `No endpoint answers ${request.method} ${path}.`);
      }
      return reply.sendFile('index.html');
    });
  },
  { name: 'waymark-web-app' },
);
