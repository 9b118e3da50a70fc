import { createQueueWorker } from '@waymark/queues';
import type { Worker } from 'bullmq';
import type { EngineResources } from '../runtime/resources.ts';
import type { WorkerTuning } from '../runtime/worker-tuning.ts';
import { reconcileUnknown } from './reconcile.ts';
import { sweep } from './sweep.ts';

/** Runs sweeper and reconciler ticks. */
export function startMaintenanceWorker(r: EngineResources, tuning: WorkerTuning): Worker[] {
  return [
    createQueueWorker({
      key: 'maintenance',
      connection: r.redis,
      prefix: r.prefix,
      concurrency: 1,
      lockDurationMs: tuning.lockDurationMs,
      stalledIntervalMs: tuning.stalledIntervalMs,
      process: async (payload) => (payload.task === 'sweep' ? sweep(r) : reconcileUnknown(r)),
    }),
  ];
}

/**
 * Queues a sweep and a reconcile every `intervalMs`. The job id is the time slot, so many worker
 * processes ticking at once queue one job per slot. Driven by a local timer, not a BullMQ
 * repeatable job, because a Redis flush would erase the repeatable job along with the work it
 * is meant to rebuild.
 */
export function startMaintenanceTicker(r: EngineResources, intervalMs: number): { stop(): void } {
  const tick = () => {
    const slot = Math.floor(r.clock.now().getTime() / intervalMs);
    Promise.all([
      r.producers.maintenance.tick('sweep', slot),
      r.producers.maintenance.tick('reconcile', slot),
    ]).catch((error: unknown) =>
      r.log.warn('maintenance tick not queued', { error: (error as Error).message }),
    );
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
