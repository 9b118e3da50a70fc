import { createQueueWorker } from '@waymark/queues';
import type { Worker } from 'bullmq';
import type { EngineResources } from '../runtime/resources.ts';
import type { WorkerTuning } from '../runtime/worker-tuning.ts';
import { advanceEnrollments } from './advance-enrollments.ts';

/** Runs step jobs: each advances its batch of enrollments (see `advanceEnrollments`). */
export function startStepWorker(r: EngineResources, tuning: WorkerTuning): Worker[] {
  return [
    createQueueWorker({
      key: 'steps',
      connection: r.redis,
      prefix: r.prefix,
      concurrency: tuning.stepConcurrency,
      lockDurationMs: tuning.lockDurationMs,
      stalledIntervalMs: tuning.stalledIntervalMs,
      process: (payload) =>
        advanceEnrollments(r, payload.enrollmentIds, {
          deliverInline: true,
          justEntered: payload.cause === 'entered',
        }),
    }),
  ];
}
