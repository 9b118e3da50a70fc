import type { ConnectorChannel } from '@waymark/connectors';
import { createQueueWorker, deliveryQueueName } from '@waymark/queues';
import { RateLimitError, type Worker } from 'bullmq';
import type { EngineResources } from '../runtime/resources.ts';
import type { WorkerTuning } from '../runtime/worker-tuning.ts';
import { deliverMessages } from './deliver-messages.ts';
import { providerBackoff, RetryDeliveryError } from './provider-backoff.ts';

/**
 * One worker per channel queue. Budgets spent → the worker pauses its queue (`rateLimit`) and the
 * job goes back to waiting without using an attempt (`RateLimitError`); messages a provider did
 * not take → the job fails with `RetryDeliveryError` and BullMQ retries it with the provider
 * backoff, resending only what is still `claimed`.
 */
export function startDeliveryWorkers(
  r: EngineResources,
  channels: readonly ConnectorChannel[],
  tuning: WorkerTuning,
): Worker[] {
  return channels.map((channel) => {
    const worker: Worker = createQueueWorker({
      key: deliveryQueueName(channel),
      connection: r.redis,
      prefix: r.prefix,
      concurrency: tuning.deliveryConcurrency,
      lockDurationMs: tuning.lockDurationMs,
      stalledIntervalMs: tuning.stalledIntervalMs,
      backoffStrategy: providerBackoff(tuning.retryBaseMs),
      async process(payload, job, _token, signal) {
        const maxAttempts = job.opts.attempts ?? 1;
        const result = await deliverMessages(r, payload.messageIds, {
          lastAttempt: job.attemptsMade + 1 >= maxAttempts,
          signal: signal ?? new AbortController().signal,
        });
        if (result.rateLimitedMs !== undefined) {
          await worker.rateLimit(result.rateLimitedMs);
          throw new RateLimitError();
        }
        if (result.retry) throw new RetryDeliveryError(result.retry.count, result.retry.retryAfterMs);
        return result;
      },
    });
    return worker;
  });
}
