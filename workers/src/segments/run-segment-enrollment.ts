import type { Condition } from '@waymark/conditions';
import type { SegmentJob, SegmentProgress } from '@waymark/queues';
import { digestOf } from '@waymark/queues';
import type { EngineResources } from '../runtime/resources.ts';
import { enrollSegmentPage } from './enroll-segment-page.ts';

/** Why a segment run stopped early (the job ends; nothing is retried). */
export class SegmentRunStopped extends Error {
  constructor(
    readonly code: 'journey-not-found' | 'journey-archived' | 'segment-missing' | 'no-segment-trigger',
    message: string,
  ) {
    super(message);
    this.name = 'SegmentRunStopped';
  }
}

/** Hooks the BullMQ job gives the run: progress, the resume cursor, and the pause check. */
export interface SegmentRunHooks {
  progress(progress: SegmentProgress): Promise<void>;
  /** Remembers where to resume (written into the job, so a retry starts from the last committed page). */
  saveCursor(cursor: string | null): Promise<void>;
  /** True once the worker is shutting down: the run stops after the page in hand. */
  stopRequested(): boolean;
}

/** A finished run, or one interrupted between pages (its cursor is saved) to be continued later. */
export type SegmentRunResult =
  | SegmentProgress
  | { interrupted: 'paused' | 'stopping'; progress: SegmentProgress };

/**
 * Enrolls a segment journey's audience page by page. Each page commits on its own and its new
 * enrollments go to the step queue straight away, so the first customers are messaged while
 * the rest of a large segment is still being enrolled. A paused journey stops the run where it
 * is (the caller delays the job); an archived one ends it.
 */
export async function runSegmentEnrollment(
  r: EngineResources,
  job: SegmentJob,
  hooks: SegmentRunHooks,
  /** What earlier, interrupted attempts of this run already did (the counts continue from it). */
  earlier: SegmentProgress | undefined = undefined,
): Promise<SegmentRunResult> {
  const version = await r.versions.get(job.journeyId, job.version);
  if (!version)
    throw new SegmentRunStopped(
      'journey-not-found',
      `Journey ${job.journeyId} v${job.version} does not exist`,
    );
  const trigger = version.triggers.segment[0];
  if (!trigger)
    throw new SegmentRunStopped('no-segment-trigger', 'This journey version has no segment trigger');
  const segmentId = (trigger.config as { segmentId: string }).segmentId;
  const [segment] = await r.db.query<{ condition: Condition; archived_at: Date | null }>(
    `SELECT condition, archived_at FROM segments WHERE id::text = $1`,
    [segmentId],
  );
  if (!segment || segment.archived_at) {
    throw new SegmentRunStopped('segment-missing', `Segment ${segmentId} was deleted or archived`);
  }
  const progress: SegmentProgress = {
    pages: earlier?.pages ?? 0,
    enrolled: earlier?.enrolled ?? 0,
    cursor: job.cursor,
    done: false,
  };
  for (;;) {
    const [journey] = await r.db.query<{ status: string }>('SELECT status FROM journeys WHERE id = $1', [
      job.journeyId,
    ]);
    if (!journey) throw new SegmentRunStopped('journey-not-found', `Journey ${job.journeyId} does not exist`);
    if (journey.status === 'archived')
      throw new SegmentRunStopped('journey-archived', 'The journey was archived');
    if (journey.status === 'paused') return { interrupted: 'paused', progress };
    if (hooks.stopRequested()) return { interrupted: 'stopping', progress };
    const page = await enrollSegmentPage(r, {
      journeyId: job.journeyId,
      version: job.version,
      triggerNodeId: trigger.id,
      runId: job.runId,
      condition: segment.condition,
      reEntry: version.settings.reEntry,
      cursor: progress.cursor,
      pageSize: r.settings.pageSize,
    });
    if (page.enrolledIds.length > 0) {
      const batches = [];
      for (let i = 0; i < page.enrolledIds.length; i += r.settings.stepBatchSize) {
        const ids = page.enrolledIds.slice(i, i + r.settings.stepBatchSize);
        batches.push({ enrollmentIds: ids, cause: 'entered' as const, dedupeKey: `seg.${digestOf(ids)}` });
      }
      await r.producers.steps.advance(batches);
    }
    progress.pages += 1;
    progress.enrolled += page.enrolledIds.length;
    if (page.scanned < r.settings.pageSize || page.lastCustomerId === null) {
      progress.cursor = page.lastCustomerId ?? progress.cursor;
      progress.done = true;
      await hooks.progress(progress);
      return progress;
    }
    progress.cursor = page.lastCustomerId;
    await hooks.saveCursor(progress.cursor);
    await hooks.progress(progress);
  }
}
