import { digestOf } from '@waymark/queues';
import type { EngineResources } from '../runtime/resources.ts';
import { advanceLoaded } from '../steps/advance-enrollments.ts';
import { buildStepContext } from '../steps/load-step-context.ts';
import type { DeliverableMessage } from './load-deliverable.ts';

const decided = new Set(['sent', 'delivered', 'failed', 'suppressed']);

/**
 * `notifyEnrollments` for a delivery job: moves on the enrollments whose message is decided from
 * the rows the delivery already read (no second read of the batch), right away in this job, or
 * through the step queue if that fails. Idempotent either way: the step's conditional update
 * only moves an enrollment still where the delivery saw it.
 */
export async function advanceAfterDelivery(
  r: EngineResources,
  messages: readonly { message: DeliverableMessage; status: string }[],
): Promise<void> {
  const ready = new Map<number, { message: DeliverableMessage; status: string }>();
  for (const m of messages) {
    const enrollment = m.message.enrollment;
    if (!enrollment || !decided.has(m.status)) continue;
    if (enrollment.status !== 'active' && enrollment.status !== 'waiting') continue;
    ready.set(enrollment.id, m);
  }
  if (ready.size === 0) return;
  const now = r.clock.now();
  const entries = [...ready.values()];
  for (let i = 0; i < entries.length; i += r.settings.stepBatchSize) {
    const batch = entries.slice(i, i + r.settings.stepBatchSize);
    try {
      const ctx = await buildStepContext(
        r,
        batch.map((m) => m.message.enrollment!),
        now,
      );
      for (const { message, status } of batch) {
        ctx.messages.set(message.idempotency_key, {
          id: message.id,
          status,
          channel: message.channel,
          updatedAt: now,
        });
      }
      await advanceLoaded(r, ctx, now);
    } catch (error) {
      const ids = batch.map((m) => m.message.enrollment!.id);
      r.log.warn('inline step after delivery failed; queued instead', { error: (error as Error).message });
      await r.producers.steps.advance([{ enrollmentIds: ids, cause: 'delivered', dedupeKey: digestOf(ids) }]);
    }
  }
}
