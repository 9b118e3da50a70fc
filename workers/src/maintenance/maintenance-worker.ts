import { createQueueWorker } from '@waymark/queues';
import type { Worker } from 'bullmq';
import type { EngineResources } from '../runtime/resources.ts';
import type { WorkerTuning } from '../runtime/worker-tuning.ts';
import { pollReceipts } from './poll-receipts.ts';
import { reconcileUnknown } from './reconcile.ts';
import { sweep } from './sweep.ts';

/** Runs sweeper, reconciler and receipt-poll ticks. */
export function startMaintenanceWorker(r: EngineResources, tuning: WorkerTuning): Worker[] {
  return [
    createQueueWorker({
      key: 'maintenance',
      connection: r.redis,
      prefix: r.prefix,
      concurrency: 1,
      lockDurationMs: tuning.lockDurationMs,
      stalledIntervalMs: tuning.stalledIntervalMs,
      process: async (payload) => {
        switch (payload.task) {
          case 'sweep':
            return sweep(r);
          case 'reconcile':
            return reconcileUnknown(r);
          case 'poll-receipts':
            return pollReceiptsOnce(r, payload.slot);
          default:
            return assertNever(payload.task);
        }
      },
    }),
  ];
}

/**
 * Polls receipts once per slot of `receiptPollIntervalMs`, however many processes queue the
 * slot's job (a completed job's id is free again): the first to take the slot's Redis key asks
 * the providers. Losing the key to a flush costs one extra poll, which records nothing twice.
 */
async function pollReceiptsOnce(r: EngineResources, slot: number) {
  const key = `${r.prefix}:poll-receipts:${slot}`;
  const first = await r.redis.set(key, '1', 'PX', r.settings.receiptPollIntervalMs, 'NX');
  return first === 'OK' ? pollReceipts(r) : { asked: 0, settled: 0 };
}

function assertNever(value: never): never {
  throw new Error(`Unknown maintenance task ${String(value)}`);
}

/**
 * Queues a sweep and a reconcile every `intervalMs`, and a receipt poll every
 * `receiptPollIntervalMs`. The job id is the time slot, so many worker processes ticking at once
 * queue one job per slot. Driven by a local timer, not a BullMQ repeatable job (nor a job
 * scheduler), because a Redis flush would erase the schedule along with the work it is meant to
 * rebuild.
 */
export function startMaintenanceTicker(r: EngineResources, intervalMs: number): { stop(): void } {
  let polledSlot: number | undefined;
  const tick = () => {
    const now = r.clock.now().getTime();
    const slot = Math.floor(now / intervalMs);
    const pollSlot = Math.floor(now / r.settings.receiptPollIntervalMs);
    const poll = pollSlot !== polledSlot;
    polledSlot = pollSlot;
    Promise.all([
      r.producers.maintenance.tick('sweep', slot),
      r.producers.maintenance.tick('reconcile', slot),
      poll ? r.producers.maintenance.tick('poll-receipts', pollSlot) : undefined,
    ]).catch((error: unknown) =>
      r.log.warn('maintenance tick not queued', { error: (error as Error).message }),
    );
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
