import { schema } from '@waymark/db';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit.ts';
import { hashSecretToken, newApiToken } from '../../auth/secret-token.ts';
import { appError } from '../../errors/app-error.ts';
import { errorResponses, idParams, isUuid, noContent } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/authenticate.ts';

const { apiTokens } = schema;

const tokenView = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable(),
  })
  .meta({ id: 'ApiToken' });

/**
 * API tokens for integrations (`Authorization: Bearer wm_…`). A token acts as the user who created
 * it, with that user's roles; it is shown once and stored only as a hash. Each user manages their
 * own tokens.
 */
export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '',
    {
      config: { anyRole: true },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token (the secret is in this answer only)',
        body: z.object({ name: z.string().trim().min(1).max(100) }),
        response: { 201: tokenView.extend({ token: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const token = newApiToken();
      const now = app.clock.now();
      const created = await app.db.transaction(async (tx) => {
        const [row] = await tx.orm
          .insert(apiTokens)
          .values({
            userId: principal.userId,
            name: request.body.name,
            tokenHash: hashSecretToken(token),
            createdAt: now,
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await recordAudit(tx, now, {
          actor: principal,
          action: 'token.created',
          subjectType: 'api-token',
          subjectId: row.id,
          details: { name: row.name },
        });
        return row;
      });
      return reply.status(201).send({
        id: created.id,
        name: created.name,
        createdAt: created.createdAt,
        lastUsedAt: null,
        token,
      });
    },
  );

  app.get(
    '',
    {
      config: { anyRole: true },
      schema: {
        tags: ['auth'],
        summary: 'Your API tokens that are not revoked (without their secrets)',
        response: { 200: z.object({ items: z.array(tokenView) }), ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const items = await app.db.orm
        .select({
          id: apiTokens.id,
          name: apiTokens.name,
          createdAt: apiTokens.createdAt,
          lastUsedAt: apiTokens.lastUsedAt,
        })
        .from(apiTokens)
        .where(and(eq(apiTokens.userId, principal.userId), isNull(apiTokens.revokedAt)))
        .orderBy(desc(apiTokens.createdAt));
      return { items };
    },
  );

  app.delete(
    '/:id',
    {
      config: { anyRole: true },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your API tokens (an admin may revoke anyone’s)',
        params: idParams,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params;
      if (!isUuid(id)) throw appError('token.not-found');
      const mayRevokeAny = principal.permissions.has('users.manage');
      const now = app.clock.now();
      const revoked = await app.db.transaction(async (tx) => {
        const rows = await tx.orm
          .update(apiTokens)
          .set({ revokedAt: now })
          .where(
            and(
              eq(apiTokens.id, id),
              isNull(apiTokens.revokedAt),
              mayRevokeAny ? undefined : eq(apiTokens.userId, principal.userId),
            ),
          )
          .returning({ id: apiTokens.id });
        if (rows.length > 0) {
          await recordAudit(tx, now, {
            actor: principal,
            action: 'token.revoked',
            subjectType: 'api-token',
            subjectId: id,
          });
        }
        return rows.length > 0;
      });
      if (!revoked) throw appError('token.not-found');
      return reply.status(204).send(null);
    },
  );
};
