import { createQueueWorker } from '@waymark/queues';
import type { Worker } from 'bullmq';
import type { EngineResources } from '../runtime/resources.ts';
import type { WorkerTuning } from '../runtime/worker-tuning.ts';
import { wakeDueEnrollments } from './wake-due.ts';

/** Runs the wake-up buckets: when a bucket's delayed job comes due, every wait ending by now resumes. */
export function startWakeupWorker(r: EngineResources, tuning: WorkerTuning): Worker[] {
  return [
    createQueueWorker({
      key: 'wakeups',
      connection: r.redis,
      prefix: r.prefix,
      concurrency: 1,
      lockDurationMs: tuning.lockDurationMs,
      stalledIntervalMs: tuning.stalledIntervalMs,
      process: async () => ({ woken: await wakeDueEnrollments(r) }),
    }),
  ];
}
