import type { StepCause } from '@waymark/queues';
import type { EngineResources } from '../runtime/resources.ts';
import { enqueueSteps } from '../waits/wake-due.ts';

/**
 * Moves enrollments on right away in this job, a step batch at a time (no queue hop), or through
 * the step queue for a batch whose inline step fails (the sweeper restarts any a crash leaves
 * `active`). Idempotent either way: a step's conditional update only moves an enrollment still
 * where it was.
 */
export async function advanceNowOrQueue<T>(
  r: EngineResources,
  items: readonly T[],
  enrollmentIdOf: (item: T) => number,
  advance: (batch: T[]) => Promise<unknown>,
  cause: StepCause,
): Promise<void> {
  for (let i = 0; i < items.length; i += r.settings.stepBatchSize) {
    const batch = items.slice(i, i + r.settings.stepBatchSize);
    try {
      await advance(batch);
    } catch (error) {
      r.log.warn('inline step failed; queued instead', { cause, error: (error as Error).message });
      await enqueueSteps(r, batch.map(enrollmentIdOf), cause);
    }
  }
}
