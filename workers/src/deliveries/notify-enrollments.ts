import type { EngineResources } from '../runtime/resources.ts';
import { advanceEnrollments } from '../steps/advance-enrollments.ts';
import { advanceNowOrQueue } from '../steps/advance-now-or-queue.ts';
import { decidedStatuses } from './triage.ts';

/**
 * Moves on the enrollments whose message is decided (receipts, the reconciler), so their send
 * node continues through `sent`, `failed` or `suppressed`; the step reads the message status itself.
 */
export async function notifyEnrollments(
  r: EngineResources,
  messages: readonly { messageId: number; enrollmentId: number | null; status: string }[],
): Promise<void> {
  const ready = messages.filter((m) => m.enrollmentId !== null && decidedStatuses.has(m.status));
  const enrollmentIds = [...new Set(ready.map((m) => m.enrollmentId as number))];
  await advanceNowOrQueue(
    r,
    enrollmentIds,
    (id) => id,
    (ids) => advanceEnrollments(r, ids),
    'delivered',
  );
}
