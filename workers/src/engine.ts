import { connectorChannels } from '@waymark/connectors';
import type { Worker } from 'bullmq';
import { startDeliveryWorkers } from './deliveries/delivery-workers.ts';
import type { ProcessorGroup } from './env.ts';
import { startEventWorker } from './events/event-worker.ts';
import { startLifecycleWorker } from './lifecycle/lifecycle-worker.ts';
import { startMaintenanceTicker, startMaintenanceWorker } from './maintenance/maintenance-worker.ts';
import { startReceiptsWorker } from './receipts/receipts-worker.ts';
import { listenForJourneyChanges } from './runtime/journey-changes.ts';
import type { EngineResources } from './runtime/resources.ts';
import { defaultWorkerTuning, type WorkerTuning } from './runtime/worker-tuning.ts';
import { startSegmentWorker } from './segments/segment-worker.ts';
import { startStepWorker } from './steps/step-worker.ts';
import { startWakeupWorker } from './waits/wakeup-worker.ts';

type Starter = (r: EngineResources, tuning: WorkerTuning) => Worker[];

/** What each processor group starts; a group without a starter does not compile. */
const starters = {
  events: startEventWorker,
  steps: startStepWorker,
  sends: (r, tuning) => startDeliveryWorkers(r, connectorChannels, tuning),
  waits: startWakeupWorker,
  segments: startSegmentWorker,
  lifecycle: startLifecycleWorker,
  receipts: startReceiptsWorker,
  maintenance: startMaintenanceWorker,
} satisfies Record<ProcessorGroup, Starter>;

export interface EngineOptions {
  groups: readonly ProcessorGroup[];
  tuning?: Partial<WorkerTuning>;
  /** Sweeper / reconciler tick (ms); `false` leaves ticks to the caller (tests call `sweep` directly). */
  sweepIntervalMs?: number | false;
}

export interface RunningEngine {
  workers: Worker[];
  /**
   * Graceful shutdown: stops taking jobs, lets the running ones finish (each commits or rolls
   * back as a whole, so nothing is left half-done), then closes the producers' queues.
   */
  close(): Promise<void>;
}

/**
 * Opens the database connections the workers will use before they take jobs: a new Postgres
 * connection costs milliseconds, and opening them lazily under the first burst of events puts
 * that cost on the first customers' latency.
 */
async function warmConnections(r: EngineResources, tuning: WorkerTuning): Promise<void> {
  const wanted = tuning.eventConcurrency + tuning.stepConcurrency + tuning.deliveryConcurrency;
  await Promise.all(
    Array.from({ length: wanted }, () => r.db.withConnection((conn) => conn.query('SELECT 1'))),
  );
}

/** Starts the chosen processor groups on one set of resources. */
export async function startEngine(r: EngineResources, options: EngineOptions): Promise<RunningEngine> {
  const tuning = { ...defaultWorkerTuning, ...options.tuning };
  await warmConnections(r, tuning);
  // Listen before the first read of the journey list, so no change can fall between the two; the
  // read itself warms the cache so the first event does not wait for it.
  const journeyChanges = await listenForJourneyChanges(r.redis, r.prefix, () => r.journeys.invalidate());
  await r.journeys.snapshot().catch(async (error: unknown) => {
    await journeyChanges.close();
    throw error;
  });
  const workers = options.groups.flatMap((group) => starters[group](r, tuning));
  for (const worker of workers) {
    worker.on('error', (error) => r.log.error('worker error', { queue: worker.name, error: error.message }));
    worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        r.log.error('job failed for good', { queue: worker.name, jobId: job.id, error: error.message });
      }
    });
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  const ticker =
    options.groups.includes('maintenance') && options.sweepIntervalMs !== false
      ? startMaintenanceTicker(r, options.sweepIntervalMs ?? 30_000)
      : undefined;
  let closing: Promise<void> | undefined;
  return {
    workers,
    close() {
      closing ??= (async () => {
        ticker?.stop();
        await Promise.all(workers.map((w) => w.close()));
        await journeyChanges.close();
        await r.producers.close();
      })();
      return closing;
    },
  };
}
