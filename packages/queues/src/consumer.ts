import {
  type BackoffStrategy,
  type ConnectionOptions,
  type Job,
  type RateLimiterOptions,
  UnrecoverableError,
  Worker,
} from 'bullmq';
import { type JobPayload, type QueueKey, queueCatalog } from './catalog.ts';

export interface QueueWorkerOptions<K extends QueueKey> {
  key: K;
  connection: ConnectionOptions;
  prefix: string;
  /** Jobs processed at once by this worker. */
  concurrency?: number;
  limiter?: RateLimiterOptions;
  /** Lock and stalled-job settings (how fast a crashed worker's jobs are taken over). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Custom backoff strategies by name (the `provider` strategy of delivery queues). */
  backoffStrategy?: BackoffStrategy;
  process(
    payload: JobPayload<K>,
    job: Job,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown>;
}

/**
 * A BullMQ worker for one catalog queue. The payload is checked against the catalog schema
 * before the processor sees it: a malformed job can never succeed, so it fails at once
 * (`UnrecoverableError`) with the schema's message instead of retrying.
 */
export function createQueueWorker<K extends QueueKey>(options: QueueWorkerOptions<K>): Worker {
  const spec = queueCatalog[options.key];
  return new Worker(
    spec.name,
    async (job, token, signal) => {
      const parsed = spec.payload.safeParse(job.data);
      if (!parsed.success) {
        throw new UnrecoverableError(
          `Malformed ${spec.name} job: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        );
      }
      return options.process(parsed.data as JobPayload<K>, job, token, signal);
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 1,
      ...(options.limiter ? { limiter: options.limiter } : {}),
      ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
      ...(options.backoffStrategy ? { settings: { backoffStrategy: options.backoffStrategy } } : {}),
    },
  );
}
