import { createQueueWorker } from '@waymark/queues';
import type { Worker } from 'bullmq';
import type { EngineResources } from '../runtime/resources.ts';
import type { WorkerTuning } from '../runtime/worker-tuning.ts';
import { processEvents } from './process-event.ts';

/** Runs event jobs queued by the server after it stored the events. */
export function startEventWorker(r: EngineResources, tuning: WorkerTuning): Worker[] {
  return [
    createQueueWorker({
      key: 'events',
      connection: r.redis,
      prefix: r.prefix,
      concurrency: tuning.eventConcurrency,
      lockDurationMs: tuning.lockDurationMs,
      stalledIntervalMs: tuning.stalledIntervalMs,
      process: (payload) => processEvents(r, payload.eventIds),
    }),
  ];
}
