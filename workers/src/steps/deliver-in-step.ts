import { deliverRows } from '../deliveries/deliver-messages.ts';
import type { DeliverableMessage } from '../deliveries/load-deliverable.ts';
import type { EngineResources } from '../runtime/resources.ts';
import type { StepContext } from './load-step-context.ts';
import type { Walk } from './walk-enrollment.ts';

/** How long a step may wait on providers before leaving the rest to the channel queue. */
const inlineTimeoutMs = 10_000;

/**
 * Sends the messages this step's walks have just claimed, before the walks are persisted, so a
 * customer goes from the trigger through the send to the next wait in one conditional update and
 * no delivery job: the `claimed → queued` guard still comes before every provider call, so exactly
 * once holds as on the queue path. Messages of paused or archived journeys, and any the providers
 * or budgets did not settle, stay with their walks parked at the send; the caller queues those.
 * Returns the keys of the messages whose outcome is now decided (`ctx.messages` is updated).
 */
export async function deliverInStep(
  r: EngineResources,
  walks: readonly Walk[],
  ctx: StepContext,
  now: Date,
): Promise<Set<string>> {
  const rows: DeliverableMessage[] = [];
  for (const walk of walks) {
    const message = walk.awaitingMessage ? ctx.messages.get(walk.awaitingMessage) : undefined;
    if (!message?.outgoing || message.status !== 'claimed') continue;
    const journeyStatus = ctx.journeyStatus.get(walk.enrollment.journey_id) ?? null;
    if (journeyStatus === 'paused' || journeyStatus === 'archived') continue;
    rows.push({
      id: message.id,
      idempotency_key: message.outgoing.key,
      enrollment_id: walk.enrollment.id,
      node_id: walk.state.node,
      customer_id: walk.enrollment.customer_id,
      channel: message.channel,
      connector_id: message.outgoing.connectorId,
      body: message.outgoing.body,
      status: message.status,
      attempts: message.outgoing.attempts,
      updated_at: message.updatedAt,
      // The walk holds the enrollment at this send; it is persisted once the outcome is known.
      enrollment_status: 'waiting',
      enrollment_node: walk.state.node,
      journey_status: journeyStatus,
      phone_enc: ctx.customers.get(walk.enrollment.customer_id)?.phone_enc ?? null,
      email_enc: ctx.customers.get(walk.enrollment.customer_id)?.email_enc ?? null,
      customer_attributes: ctx.customers.get(walk.enrollment.customer_id)?.attributes ?? null,
      enrollment: null,
    });
  }
  const decided = new Set<string>();
  if (rows.length === 0) return decided;
  try {
    const outcome = await deliverRows(r, rows, {
      lastAttempt: false,
      signal: AbortSignal.timeout(inlineTimeoutMs),
    });
    for (const { message, status } of outcome.decided) {
      const known = ctx.messages.get(message.idempotency_key);
      if (!known) continue;
      ctx.messages.set(message.idempotency_key, { ...known, status, updatedAt: now });
      decided.add(message.idempotency_key);
    }
  } catch (error) {
    // Whatever was not settled is re-read by the delivery job the caller queues.
    r.log.warn('delivery inside the step failed; queued instead', { error: (error as Error).message });
  }
  return decided;
}
