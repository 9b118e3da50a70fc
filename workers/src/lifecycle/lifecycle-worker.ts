import { createQueueWorker } from '@waymark/queues';
import type { Worker } from 'bullmq';
import type { EngineResources } from '../runtime/resources.ts';
import type { WorkerTuning } from '../runtime/worker-tuning.ts';
import { applyLifecycle } from './apply-lifecycle.ts';

/** Applies pause / resume / archive; progress (customers released or exited so far) is the job's progress. */
export function startLifecycleWorker(r: EngineResources, tuning: WorkerTuning): Worker[] {
  return [
    createQueueWorker({
      key: 'lifecycle',
      connection: r.redis,
      prefix: r.prefix,
      concurrency: 2,
      lockDurationMs: tuning.lockDurationMs,
      stalledIntervalMs: tuning.stalledIntervalMs,
      process: (payload, job) => applyLifecycle(r, payload, (affected) => job.updateProgress({ affected })),
    }),
  ];
}
