import { createQueueWorker, type SegmentProgress, segmentProgressSchema } from '@waymark/queues';
import { DelayedError, UnrecoverableError, type Worker } from 'bullmq';
import type { EngineResources } from '../runtime/resources.ts';
import type { WorkerTuning } from '../runtime/worker-tuning.ts';
import { runSegmentEnrollment, SegmentRunStopped } from './run-segment-enrollment.ts';

function earlierProgress(progress: unknown): SegmentProgress | undefined {
  const parsed = segmentProgressSchema.safeParse(progress);
  return parsed.success ? parsed.data : undefined;
}

/** How long a run held by a paused journey waits before looking again (resume does not need to wake it). */
const pausedRetryMs = 60_000;

/**
 * Runs segment enrollments. BullMQ's typed errors carry the control flow: a paused journey moves
 * the job to delayed (`DelayedError`), a run that cannot go on fails for good
 * (`UnrecoverableError`), anything else is retried and resumes from the saved cursor.
 */
export function startSegmentWorker(r: EngineResources, tuning: WorkerTuning): Worker[] {
  // A run over millions of customers must not hold up a graceful shutdown: it stops between pages.
  let closing = false;
  const worker = createQueueWorker({
    key: 'segments',
    connection: r.redis,
    prefix: r.prefix,
    concurrency: 2,
    lockDurationMs: tuning.lockDurationMs,
    stalledIntervalMs: tuning.stalledIntervalMs,
    async process(payload, job, token) {
      try {
        const result = await runSegmentEnrollment(
          r,
          payload,
          {
            progress: (progress) => job.updateProgress(progress),
            saveCursor: (cursor) => job.updateData({ ...payload, cursor }),
            stopRequested: () => closing,
          },
          earlierProgress(job.progress),
        );
        if ('interrupted' in result) {
          await job.updateProgress(result.progress);
          const delay = result.interrupted === 'paused' ? pausedRetryMs : 0;
          await job.moveToDelayed(Date.now() + delay, token);
          throw new DelayedError();
        }
        return result;
      } catch (error) {
        if (error instanceof SegmentRunStopped)
          throw new UnrecoverableError(`${error.code}: ${error.message}`);
        throw error;
      }
    },
  });
  worker.on('closing', () => {
    closing = true;
  });
  return [worker];
}
