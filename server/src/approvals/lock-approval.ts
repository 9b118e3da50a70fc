import { type Db, schema } from '@waymark/db';
import { eq } from 'drizzle-orm';
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
