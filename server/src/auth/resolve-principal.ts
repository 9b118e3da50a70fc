import type { Db } from '@waymark/db';
import { schema } from '@waymark/db';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { permissionsOf } from './permissions.ts';
import type { Principal } from './principal.ts';
import { apiTokenPrefix, hashSecretToken } from './secret-token.ts';

const { apiTokens, sessions, users } = schema;

// Writing last_used_at on every request would turn each read into a write; a minute is precise
// enough to tell an unused token from a used one.
const LAST_USED_RESOLUTION_MS = 60_000;

/** The signed-in user behind a session cookie value, or null when unknown, expired or disabled. */
export async function principalFromSession(
  db: Db,
  cookieValue: string,
  now: Date,
): Promise<Principal | null> {
  const [row] = await db.orm
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, hashSecretToken(cookieValue)),
        gt(sessions.expiresAt, now),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  if (!row) return null;
  return { ...userFields(row.user), via: 'session' };
}

/** The user behind an API token (`wm_…`), or null when unknown, revoked or the user is disabled. */
export async function principalFromApiToken(db: Db, token: string, now: Date): Promise<Principal | null> {
  if (!token.startsWith(apiTokenPrefix)) return null;
  const [row] = await db.orm
    .select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashSecretToken(token)),
        isNull(apiTokens.revokedAt),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.orm.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  return { ...userFields(row.user), via: 'token', tokenId: row.tokenId };
}

function userFields(user: typeof users.$inferSelect): Omit<Principal, 'via'> {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    permissions: permissionsOf(user.roles),
  };
}
