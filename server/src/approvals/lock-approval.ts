import { type Db, schema } from '@waymark/db';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.ts';
import type { Principal } from '../auth/principal.ts';
import { appError } from '../errors/app-error.ts';
import { isUuid } from '../lib/http-schemas.ts';
import { lockJourney } from '../routes/journeys/lock-journey.ts';

type ApprovalRecord = typeof schema.approvals.$inferSelect;
type JourneyRow = typeof schema.journeys.$inferSelect;

/**
 * Locks a request and its journey for a decision or a withdrawal: the journey first, then the
 * request, the order publishing and requesting lock them in, so none of them deadlocks against
 * another and the draft cannot move meanwhile. 404 `approval.not-found` for unknown ids.
 */
export async function lockApproval(
  tx: Db,
  id: string,
): Promise<{ journey: JourneyRow; approval: ApprovalRecord }> {
  const [target] = isUuid(id)
    ? await tx.orm
        .select({ journeyId: schema.approvals.journeyId })
        .from(schema.approvals)
        .where(eq(schema.approvals.id, id))
    : [];
  if (!target) throw appError('approval.not-found');
  const journey = await lockJourney(tx, target.journeyId);
  const [approval] = await tx.orm
    .select()
    .from(schema.approvals)
    .where(eq(schema.approvals.id, id))
    .for('update');
  if (!approval) throw appError('approval.not-found');
  return { journey, approval };
}

/** Refuses a request that no longer waits: replaced (stale), withdrawn, or decided. */
export function assertWaiting(approval: ApprovalRecord): void {
  switch (approval.status) {
    case 'pending':
      return;
    case 'superseded':
      throw appError('approval.stale');
    case 'withdrawn':
      throw appError('approval.withdrawn');
    case 'approved':
    case 'rejected':
      // Not `status`: the problem's own `status` (the HTTP one) would hide it.
      throw appError('approval.already-decided', undefined, {
        extensions: { approvalStatus: approval.status },
      });
  }
}

/** How a waiting request ends, and the audit action that records it. */
const closings = {
  approved: 'journey.approved',
  rejected: 'journey.approval-rejected',
  withdrawn: 'journey.approval-withdrawn',
  superseded: 'journey.approval-superseded',
} as const;

/**
 * Ends a waiting request (only if it still waits: the first closer wins) and audits it in the
 * same transaction. A person's closing (a decision, a withdrawal) records who and when; a
 * superseded request keeps neither, as nobody decided it.
 */
export async function closeApproval(
  tx: Db,
  approval: Pick<ApprovalRecord, 'id' | 'journeyId' | 'draftRevision'>,
  closing: {
    status: keyof typeof closings;
    actor: Pick<Principal, 'userId'>;
    now: Date;
    decided: boolean;
    comment?: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await tx.orm
    .update(schema.approvals)
    .set({
      status: closing.status,
      ...(closing.decided && { decidedBy: closing.actor.userId, decidedAt: closing.now }),
      ...(closing.comment !== undefined && { comment: closing.comment }),
    })
    .where(and(eq(schema.approvals.id, approval.id), eq(schema.approvals.status, 'pending')));
  await recordAudit(tx, closing.now, {
    actor: closing.actor,
    action: closings[closing.status],
    subjectType: 'journey',
    subjectId: approval.journeyId,
    details: { approvalId: approval.id, draftRevision: approval.draftRevision, ...closing.details },
  });
}
