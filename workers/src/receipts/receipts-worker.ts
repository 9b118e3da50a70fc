import { createQueueWorker } from '@waymark/queues';
import type { Worker } from 'bullmq';
import type { EngineResources } from '../runtime/resources.ts';
import type { WorkerTuning } from '../runtime/worker-tuning.ts';
import { recordReceipts } from './record-receipts.ts';

/** Records provider delivery receipts queued by the server's webhook route. */
export function startReceiptsWorker(r: EngineResources, tuning: WorkerTuning): Worker[] {
  return [
    createQueueWorker({
      key: 'receipts',
      connection: r.redis,
      prefix: r.prefix,
      concurrency: 4,
      lockDurationMs: tuning.lockDurationMs,
      stalledIntervalMs: tuning.stalledIntervalMs,
      process: (payload) => recordReceipts(r, payload),
    }),
  ];
}
