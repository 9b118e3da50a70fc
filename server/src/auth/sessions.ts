import { type Db, schema } from '@waymark/db';
import { and, eq, lt } from 'drizzle-orm';
import { hashSecretToken, newSessionToken } from './secret-token.ts';

const { sessions } = schema;

/** Starts a session for `userId`; returns the cookie value (stored only as its hash). */
export async function startSession(
  db: Db,
  userId: string,
  now: Date,
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  // Each login also sweeps this user's expired sessions, so the table does not grow forever.
  await db.orm.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
  await db.orm
    .insert(sessions)
    .values({ tokenHash: hashSecretToken(token), userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/** Ends the session behind a cookie value (no-op when it does not exist). */
export async function endSession(db: Db, cookieValue: string): Promise<void> {
  await db.orm.delete(sessions).where(eq(sessions.tokenHash, hashSecretToken(cookieValue)));
}
