import { digestOf } from '@waymark/queues';
import type { EngineResources } from '../runtime/resources.ts';

/** Message statuses after which the send node continues (through `sent`, `failed` or `suppressed`). */
export const decidedStatuses: ReadonlySet<string> = new Set(['sent', 'delivered', 'failed', 'suppressed']);

/**
 * Moves the enrollments of decided messages on right away in this job, a step batch at a time
 * (no queue hop), or through the step queue for a batch whose inline step fails. Idempotent
 * either way: a step's conditional update only moves an enrollment still where it was.
 */
export async function advanceNowOrQueue<T>(
  r: EngineResources,
  items: readonly T[],
  enrollmentIdOf: (item: T) => number,
  advance: (batch: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += r.settings.stepBatchSize) {
    const batch = items.slice(i, i + r.settings.stepBatchSize);
    try {
      await advance(batch);
    } catch (error) {
      const ids = batch.map(enrollmentIdOf);
      r.log.warn('inline step after delivery failed; queued instead', { error: (error as Error).message });
      await r.producers.steps.advance([{ enrollmentIds: ids, cause: 'delivered', dedupeKey: digestOf(ids) }]);
    }
  }
}
