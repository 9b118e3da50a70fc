import { schema } from '@waymark/db';
import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit.ts';
import { hashPassword } from '../../auth/password.ts';
import {
  createUser,
  newUserSchema,
  passwordSchema,
  roleSchema,
  toUserView,
  userViewSchema,
} from '../../auth/users.ts';
import { appError } from '../../errors/app-error.ts';
import { errorResponses, idParams, isUuid } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/authenticate.ts';

const { users, sessions } = schema;

const userPatch = z
  .object({
    displayName: z.string().min(1).max(100),
    roles: z.array(roleSchema).min(1),
    password: passwordSchema,
    disabled: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change');

/** User administration (admins only). */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Create a user with roles',
        body: newUserSchema,
        response: { 201: userViewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await createUser(app.db, request.body, {
        actor: principalOf(request),
        now: app.clock.now(),
      });
      return reply.status(201).send(user);
    },
  );

  app.get(
    '',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'All users',
        response: { 200: z.object({ items: z.array(userViewSchema) }), ...errorResponses },
      },
    },
    async () => {
      const rows = await app.db.orm.select().from(users).orderBy(asc(users.username));
      return { items: rows.map(toUserView) };
    },
  );

  app.patch(
    '/:id',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Change a user’s name, roles or password, or disable them (which ends their sessions)',
        params: idParams,
        body: userPatch,
        response: { 200: userViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!isUuid(id)) throw appError('user.not-found');
      const patch = request.body;
      const now = app.clock.now();
      const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
      const row = await app.db.transaction(async (tx) => {
        // Serialise admin changes so two admins cannot demote each other at the same moment.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['waymark:user-admin-changes']);
        const [updated] = await tx.orm
          .update(users)
          .set({
            ...(patch.displayName !== undefined && { displayName: patch.displayName }),
            ...(patch.roles !== undefined && { roles: [...new Set(patch.roles)] }),
            ...(passwordHash !== undefined && { passwordHash }),
            ...(patch.disabled !== undefined && { disabledAt: patch.disabled ? now : null }),
          })
          .where(eq(users.id, id))
          .returning();
        if (!updated) return undefined;
        const [admins] = await tx.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles) AND disabled_at IS NULL",
        );
        if ((admins?.n ?? 0) === 0) throw appError('user.last-admin');
        // A disabled user or a new password must not leave old sessions signed in.
        if (patch.disabled || passwordHash) await tx.orm.delete(sessions).where(eq(sessions.userId, id));
        await recordAudit(tx, now, {
          actor: principalOf(request),
          action: 'user.updated',
          subjectType: 'user',
          subjectId: id,
          details: { fields: Object.keys(patch), ...(patch.roles && { roles: patch.roles }) },
        });
        return updated;
      });
      if (!row) throw appError('user.not-found');
      return toUserView(row);
    },
  );
};
