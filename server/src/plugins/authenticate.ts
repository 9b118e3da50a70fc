import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Permission } from '../auth/permissions.ts';
import { type Principal, sessionCookieName } from '../auth/principal.ts';
import { principalFromApiToken, principalFromSession } from '../auth/resolve-principal.ts';
import { appError } from '../errors/app-error.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a caller needs. Every /api route names one, or sets `anyRole` or `public`. */
    permission?: Permission;
    /** Any signed-in user may call it (their own session, tokens, profile). */
    anyRole?: boolean;
    /** Reachable without signing in (only the login route). */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in caller; set on every non-public /api route before the body is read. */
    principal: Principal | null;
  }
}

/**
 * Authenticates every request of the scope it is registered in and checks the route's permission.
 * It runs on `onRequest`, before the body is parsed, so anonymous callers cannot make the server
 * read large bodies, and a missing sign-in is a 401 even when the body is also invalid.
 */
export const authenticatePlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('principal', null);

    // A route that forgets to say who may call it fails at start-up, not in production.
    app.addHook('onRoute', (route) => {
      const config = (route.config ?? {}) as { permission?: unknown; anyRole?: unknown; public?: unknown };
      const declared = [config.permission !== undefined, config.anyRole === true, config.public === true];
      if (declared.filter(Boolean).length !== 1) {
        throw new Error(
          `${route.method} ${route.url} must declare exactly one of config.permission, config.anyRole or config.public`,
        );
      }
    });

    app.addHook('onRequest', async (request) => {
      const config = request.routeOptions.config;
      if (config.public) return;
      const principal = await resolve(app, request);
      if (!principal) throw appError('auth.unauthenticated');
      request.principal = principal;
      const needed = config.permission;
      if (needed && !principal.permissions.has(needed)) {
        throw appError(
          'auth.forbidden',
          `This needs the "${needed}" permission; your roles: ${principal.roles.join(', ')}.`,
        );
      }
    });
  },
  { name: 'waymark-authenticate', dependencies: ['waymark-context'] },
);

async function resolve(app: FastifyInstance, request: FastifyRequest): Promise<Principal | null> {
  const now = app.clock.now();
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    // A wrong token is an error even when a cookie is also present: the caller meant the token.
    return match?.[1] ? principalFromApiToken(app.db, match[1], now) : null;
  }
  const cookie = request.cookies[sessionCookieName];
  return cookie ? principalFromSession(app.db, cookie, now) : null;
}

/** The signed-in caller of a route behind `authenticatePlugin` (throws when called elsewhere). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw appError('auth.unauthenticated');
  return request.principal;
}
