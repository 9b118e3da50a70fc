import type { EngineResources } from '../runtime/resources.ts';
import { advanceLoaded } from '../steps/advance-enrollments.ts';
import { advanceNowOrQueue } from '../steps/advance-now-or-queue.ts';
import { buildStepContext } from '../steps/load-step-context.ts';
import type { DeliverableMessage } from './load-deliverable.ts';
import { decidedStatuses } from './triage.ts';

/**
 * `notifyEnrollments` for a delivery job: moves on the enrollments whose message is decided from
 * the rows the delivery already read (no second read of the batch).
 */
export async function advanceAfterDelivery(
  r: EngineResources,
  messages: readonly { message: DeliverableMessage; status: string }[],
): Promise<void> {
  const ready = new Map<number, { message: DeliverableMessage; status: string }>();
  for (const m of messages) {
    const enrollment = m.message.enrollment;
    if (!enrollment || !decidedStatuses.has(m.status)) continue;
    if (enrollment.status !== 'active' && enrollment.status !== 'waiting') continue;
    ready.set(enrollment.id, m);
  }
  const now = r.clock.now();
  await advanceNowOrQueue(
    r,
    [...ready.values()],
    (m) => m.message.enrollment!.id,
    async (batch) => {
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
    },
    'delivered',
  );
}
