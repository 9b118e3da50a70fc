import type { EngineResources } from '../runtime/resources.ts';
import { deliverMessages } from './deliver-messages.ts';

/** How long an inline delivery may hold the job that triggered it before the channel queue takes over. */
const inlineTimeoutMs = 10_000;

/**
 * Delivers claimed messages inside the job that claimed them (see `AdvanceOptions.deliverInline`).
 * Anything short of a clean finish returns false, and the caller queues a delivery job: that job
 * re-reads every message, so what was sent here is not sent again, what is still claimed goes out
 * under the channel's retry and rate-limit rules, and an interrupted call is reconciled.
 */
export async function deliverNow(r: EngineResources, messageIds: readonly number[]): Promise<boolean> {
  try {
    const result = await deliverMessages(r, messageIds, {
      lastAttempt: false,
      signal: AbortSignal.timeout(inlineTimeoutMs),
    });
    return result.rateLimitedMs === undefined && result.retry === undefined;
  } catch (error) {
    r.log.warn('inline delivery failed; queued instead', { error: (error as Error).message });
    return false;
  }
}
