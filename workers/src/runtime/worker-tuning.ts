/** How the BullMQ workers of one process are tuned. */
export interface WorkerTuning {
  stepConcurrency: number;
  eventConcurrency: number;
  deliveryConcurrency: number;
  /** How long a job's lock lasts; a crashed worker's jobs are taken over after about this long. */
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** First retry delay of delivery jobs without a provider Retry-After. */
  retryBaseMs: number;
}

export const defaultWorkerTuning: WorkerTuning = {
  stepConcurrency: 4,
  eventConcurrency: 8,
  deliveryConcurrency: 8,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  retryBaseMs: 2_000,
};
