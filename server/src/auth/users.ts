import { type Db, schema } from '@waymark/db';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { appError } from '../errors/app-error.ts';
import { isUniqueViolation } from '../lib/db-errors.ts';
import { hashPassword } from './password.ts';
import type { Principal } from './principal.ts';

const { users, roles } = schema;
type Role = schema.Role;

export const usernameSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, dot, dash or underscore');
export const passwordSchema = z.string().min(8, 'must be at least 8 characters').max(200);
export const roleSchema = z.enum(roles);

/** What `createUser` needs. */
export const newUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().min(1).max(100),
  password: passwordSchema,
  roles: z.array(roleSchema).min(1).max(roles.length),
  locale: z.string().min(2).max(20).optional(),
});
export type NewUser = z.infer<typeof newUserSchema>;

/** A user as the API shows it (never the password hash). */
export const userViewSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(roleSchema),
    locale: z.string(),
    createdAt: z.date(),
    disabledAt: z.date().nullable(),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof userViewSchema>;

/** Maps a users row to what the API shows. */
export function toUserView(row: typeof users.$inferSelect): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles as Role[],
    locale: row.locale,
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
  };
}

/**
 * Creates a user with a scrypt-hashed password (the demo seed and POST /users both call this).
 * @throws AppError `request.invalid` for a bad user name, password or role list;
 *   `user.username-taken` when the user name exists.
 */
export async function createUser(
  db: Db,
  input: NewUser,
  options: { actor?: Pick<Principal, 'userId'> | null; now?: Date } = {},
): Promise<UserView> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    throw appError('request.invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  }
  const user = parsed.data;
  const passwordHash = await hashPassword(user.password);
  const now = options.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.orm
        .insert(users)
        .values({
          username: user.username,
          displayName: user.displayName,
          passwordHash,
          roles: [...new Set(user.roles)],
          ...(user.locale ? { locale: user.locale } : {}),
          createdAt: now,
        })
        .returning();
      if (!row) throw new Error('insert returned no row');
      await recordAudit(tx, now, {
        actor: options.actor ?? null,
        action: 'user.created',
        subjectType: 'user',
        subjectId: row.id,
        details: { username: row.username, roles: row.roles },
      });
      return toUserView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw appError('user.username-taken', `"${user.username}" is already taken.`);
    throw error;
  }
}
