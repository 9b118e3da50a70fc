import type { BackoffStrategy } from 'bullmq';

/** Thrown by a delivery job when some messages were not taken and should be retried. */
export class RetryDeliveryError extends Error {
  constructor(
    readonly count: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`${count} message(s) were not taken by the provider this time; retrying`);
    this.name = 'RetryDeliveryError';
  }
}

const maxWaitMs = 10 * 60_000;

/**
 * The `provider` backoff of delivery queues: wait what the provider asked for (Retry-After),
 * otherwise back off exponentially from `baseMs`, never more than ten minutes.
 */
export function providerBackoff(baseMs: number): BackoffStrategy {
  return (attemptsMade, _type, error) => {
    if (error instanceof RetryDeliveryError && error.retryAfterMs !== undefined) {
      return Math.min(maxWaitMs, Math.max(baseMs, error.retryAfterMs));
    }
    return Math.min(maxWaitMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  };
}
