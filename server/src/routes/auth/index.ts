import { schema } from '@waymark/db';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit.ts';
import { createLoginThrottle } from '../../auth/login-throttle.ts';
import { verifyAgainstDummy, verifyPassword } from '../../auth/password.ts';
import { permissions } from '../../auth/permissions.ts';
import { sessionCookieName } from '../../auth/principal.ts';
import { endSession, startSession } from '../../auth/sessions.ts';
import { toUserView, userViewSchema } from '../../auth/users.ts';
import { appError } from '../../errors/app-error.ts';
import { errorResponses, noContent } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/authenticate.ts';

const me = z.object({
  user: userViewSchema,
  permissions: z.array(z.enum(permissions)),
  via: z.enum(['session', 'token']),
});

/** Sign in and out with a session cookie; who am I. */
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const throttle = createLoginThrottle();
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.serverConfig.nodeEnv === 'production',
  };

  app.post(
    '/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in: sets an httpOnly session cookie',
        security: [],
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ user: userViewSchema, expiresAt: z.date() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const now = app.clock.now();
      const waitMs = throttle.retryAfterMs(username, now);
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        reply.header('retry-after', String(seconds));
        throw appError('auth.too-many-attempts', `Try again in ${Math.ceil(seconds / 60)} minute(s).`);
      }
      const [user] = await app.db.orm
        .select()
        .from(schema.users)
        .where(eq(schema.users.username, username))
        .limit(1);
      const ok = user
        ? await verifyPassword(password, user.passwordHash)
        : await verifyAgainstDummy(password);
      if (!user || !ok || user.disabledAt) {
        throttle.recordFailure(username, now);
        throw appError('auth.invalid-credentials');
      }
      throttle.recordSuccess(username);
      const session = await startSession(app.db, user.id, now, app.serverConfig.sessionTtlHours);
      await recordAudit(app.db, now, {
        actor: { userId: user.id },
        action: 'auth.signed-in',
        subjectType: 'user',
        subjectId: user.id,
      });
      reply.setCookie(sessionCookieName, session.token, { ...cookieOptions, expires: session.expiresAt });
      return { user: toUserView(user), expiresAt: session.expiresAt };
    },
  );

  app.post(
    '/logout',
    {
      config: { anyRole: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session and clears the cookie',
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[sessionCookieName];
      if (cookie) await endSession(app.db, cookie);
      reply.clearCookie(sessionCookieName, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { anyRole: true },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, with the permissions their roles grant',
        response: { 200: me, ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const [user] = await app.db.orm
        .select()
        .from(schema.users)
        .where(eq(schema.users.id, principal.userId));
      if (!user) throw appError('auth.unauthenticated');
      return { user: toUserView(user), permissions: [...principal.permissions].sort(), via: principal.via };
    },
  );
};
