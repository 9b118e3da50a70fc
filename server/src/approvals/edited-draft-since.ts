import { type Db, schema } from '@waymark/db';
import { and, eq, gt, inArray } from 'drizzle-orm';

const { auditLog } = schema;

/** Audit actions that change a journey's draft. */
const draftChanges = ['journey.created', 'journey.draft-saved'];

/**
 * Whether `userId` changed the journey's draft after `since` (the live version's publication, or
 * ever when nothing is live): such a user helped make what is to be approved, so they cannot be
 * its checker. The audit log is the record of who saved which revision.
 */
export async function editedDraftSince(
  db: Db,
  journeyId: string,
  userId: string,
  since: Date | null,
): Promise<boolean> {
  const [row] = await db.orm
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.subjectType, 'journey'),
        eq(auditLog.subjectId, journeyId),
        since ? gt(auditLog.at, since) : undefined,
        inArray(auditLog.action, draftChanges),
        eq(auditLog.actorUserId, userId),
      ),
    )
    .limit(1);
  return row !== undefined;
}
