import { digestOf } from '@waymark/queues';
import type { EngineResources } from '../runtime/resources.ts';

const decided = new Set(['sent', 'delivered', 'failed', 'suppressed']);

/**
 * Wakes the enrollments whose message is decided, so their send node continues through `sent`,
 * `failed` or `suppressed`. Idempotent: the step processor reads the message status itself.
 */
export async function notifyEnrollments(
  r: EngineResources,
  messages: readonly { messageId: number; enrollmentId: number | null; status: string }[],
): Promise<void> {
  const ready = messages.filter((m) => m.enrollmentId !== null && decided.has(m.status));
  if (ready.length === 0) return;
  const enrollmentIds = [...new Set(ready.map((m) => m.enrollmentId as number))];
  const batches = [];
  for (let i = 0; i < enrollmentIds.length; i += r.settings.stepBatchSize) {
    const ids = enrollmentIds.slice(i, i + r.settings.stepBatchSize);
    batches.push({ enrollmentIds: ids, cause: 'delivered' as const, dedupeKey: digestOf(ids) });
  }
  await r.producers.steps.advance(batches);
}
