import type { Db } from '@waymark/db';
import { schema } from '@waymark/db';
import type { Principal } from '../auth/principal.ts';

/** One write to remember: who did what to which thing. */
export interface AuditEntry {
  actor: Pick<Principal, 'userId'> | null;
  /** What happened, e.g. `journey.published`, `customers.upserted`. */
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** What changed: small and free of PII (ids, counts, revisions, names of fields). */
  details?: Record<string, unknown>;
}

/**
 * Appends an audit-log row. Call it with the transaction handle of the write it describes, so the
 * change and its record commit (or roll back) together.
 */
export async function recordAudit(db: Db, at: Date, entry: AuditEntry): Promise<void> {
  await db.orm.insert(schema.auditLog).values({
    at,
    actorUserId: entry.actor?.userId ?? null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    details: entry.details ?? {},
  });
}
