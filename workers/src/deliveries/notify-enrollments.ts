import { digestOf } from '@waymark/queues';
import type { EngineResources } from '../runtime/resources.ts';
import { advanceEnrollments } from '../steps/advance-enrollments.ts';

const decided = new Set(['sent', 'delivered', 'failed', 'suppressed']);

/**
 * Moves on the enrollments whose message is decided, so their send node continues through
 * `sent`, `failed` or `suppressed`: right away in this job (no queue hop), or through the step
 * queue if that fails. Idempotent either way: the step reads the message status itself.
 */
export async function notifyEnrollments(
  r: EngineResources,
  messages: readonly { messageId: number; enrollmentId: number | null; status: string }[],
): Promise<void> {
  const ready = messages.filter((m) => m.enrollmentId !== null && decided.has(m.status));
  if (ready.length === 0) return;
  const enrollmentIds = [...new Set(ready.map((m) => m.enrollmentId as number))];
  for (let i = 0; i < enrollmentIds.length; i += r.settings.stepBatchSize) {
    const ids = enrollmentIds.slice(i, i + r.settings.stepBatchSize);
    try {
      await advanceEnrollments(r, ids);
    } catch (error) {
      r.log.warn('inline step after delivery failed; queued instead', { error: (error as Error).message });
      await r.producers.steps.advance([{ enrollmentIds: ids, cause: 'delivered', dedupeKey: digestOf(ids) }]);
    }
  }
}
