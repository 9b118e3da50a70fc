import type { ConnectorChannel } from '@waymark/connectors';
import { type ConnectionOptions, type JobsOptions, Queue } from 'bullmq';
import { deliveryQueueName, type JobInput, type QueueKey, queueCatalog } from './catalog.ts';
import { digestOf, jobId } from './job-ids.ts';
import { maxEventsPerJob } from './payloads/events.ts';
import type { LifecycleJob } from './payloads/lifecycle.ts';
import type { MaintenanceJob } from './payloads/maintenance.ts';
import type { ReceiptJob } from './payloads/receipts.ts';
import { type SegmentProgress, segmentProgressSchema } from './payloads/segments.ts';
import type { StepCause } from './payloads/steps.ts';

export interface ProducerOptions {
  /** An ioredis instance (shared by every queue) or connection options. */
  connection: ConnectionOptions;
  /** BullMQ key prefix: one per deployment, one per test. Use `{waymark}` on Redis Cluster. */
  prefix: string;
  /** Width of a wake-up bucket in ms (default one minute). */
  wakeupBucketMs?: number;
}

/** One batch of enrollments to advance; `dedupeKey` names the work so a duplicate add is a no-op. */
export interface StepBatch {
  enrollmentIds: readonly number[];
  cause: StepCause;
  dedupeKey: string;
}

/**
 * Typed producers over the queue catalog. The server uses `events`, `segments`, `lifecycle` and
 * `receipts`; the engine's processors use the rest. Every job id is deterministic.
 */
export interface Producers {
  readonly prefix: string;
  events: {
    /**
     * Events already stored in `events`, in jobs of up to 100 (the same batch queued twice while
     * pending is one job; an event handled twice changes nothing).
     */
    ingested(eventIds: readonly string[]): Promise<void>;
  };
  segments: {
    /**
     * Enroll a published segment journey's audience. `runId` separates runs of a recurring one
     * (the engine names scheduled runs by local date); `notBefore` delays a run scheduled for later.
     */
    enroll(input: { journeyId: string; version: number; runId?: string; notBefore?: Date }): Promise<void>;
    /** Progress of a run, or null when no such run is known to Redis. */
    progress(input: { journeyId: string; version: number; runId?: string }): Promise<SegmentProgress | null>;
  };
  lifecycle: {
    /**
     * `requestId` (e.g. the audit-log entry of the planner's action) makes the job id
     * deterministic, so retrying the HTTP request does not queue the action twice.
     */
    request(job: LifecycleJob | Omit<LifecycleJob, 'reason'>, requestId?: string): Promise<void>;
  };
  receipts: {
    record(job: ReceiptJob): Promise<void>;
  };
  steps: {
    advance(batches: readonly StepBatch[]): Promise<void>;
  };
  deliveries: {
    deliver(channel: ConnectorChannel, messageIds: readonly number[], dedupeKey: string): Promise<void>;
  };
  wakeups: {
    /** Makes sure the bucket holding `wakeAt` has its delayed job. Idempotent. */
    schedule(wakeAts: readonly Date[], now: Date): Promise<void>;
    bucketEndOf(wakeAt: Date): number;
  };
  maintenance: {
    tick(task: MaintenanceJob['task'], slot: number): Promise<void>;
  };
  /** The BullMQ queue behind a catalog entry (counts, promotion of delayed jobs, dashboards). */
  queue(key: QueueKey): Queue;
  close(): Promise<void>;
}

const defaultBucketMs = 60_000;
const defaultRunId = 'publish';

export function createProducers(options: ProducerOptions): Producers {
  const queues = new Map<QueueKey, Queue>();
  const bucketMs = options.wakeupBucketMs ?? defaultBucketMs;

  const queue = (key: QueueKey): Queue => {
    let q = queues.get(key);
    if (!q) {
      const spec = queueCatalog[key];
      q = new Queue(spec.name, {
        connection: options.connection,
        prefix: options.prefix,
        defaultJobOptions: spec.jobOptions,
      });
      queues.set(key, q);
    }
    return q;
  };

  const add = async <K extends QueueKey>(key: K, items: { data: JobInput<K>; opts: JobsOptions }[]) => {
    if (items.length === 0) return;
    const spec = queueCatalog[key];
    const jobs = items.map(({ data, opts }) => ({ name: spec.name, data: spec.payload.parse(data), opts }));
    await queue(key).addBulk(jobs);
  };

  const segmentJobId = (i: { journeyId: string; version: number; runId?: string }) =>
    jobId('seg', i.journeyId, i.version, i.runId ?? defaultRunId);
  const bucketEndOf = (wakeAt: Date) => Math.ceil(wakeAt.getTime() / bucketMs) * bucketMs;

  return {
    prefix: options.prefix,
    events: {
      ingested(eventIds) {
        const jobs = [];
        for (let i = 0; i < eventIds.length; i += maxEventsPerJob) {
          const chunk = eventIds.slice(i, i + maxEventsPerJob);
          const id = chunk.length === 1 ? jobId('ev', chunk[0]!) : jobId('evb', digestOf(chunk));
          jobs.push({ data: { eventIds: [...chunk] }, opts: { jobId: id } });
        }
        return add('events', jobs);
      },
    },
    segments: {
      enroll: (input) =>
        add('segments', [
          {
            data: { journeyId: input.journeyId, version: input.version, runId: input.runId ?? defaultRunId },
            opts: {
              jobId: segmentJobId(input),
              ...(input.notBefore ? { delay: Math.max(0, input.notBefore.getTime() - Date.now()) } : {}),
            },
          },
        ]),
      async progress(input) {
        const job = await queue('segments').getJob(segmentJobId(input));
        if (!job) return null;
        const parsed = segmentProgressSchema.safeParse(job.progress);
        return parsed.success ? parsed.data : { pages: 0, enrolled: 0, cursor: null, done: false };
      },
    },
    lifecycle: {
      request: (job, requestId) =>
        add('lifecycle', [
          {
            data: job,
            opts: { jobId: jobId('life', job.journeyId, job.action, requestId ?? `at${Date.now()}`) },
          },
        ]),
    },
    receipts: {
      record: (job) =>
        add('receipts', [
          {
            data: job,
            opts: {
              jobId: jobId(
                'rcpt',
                job.connectorId,
                digestOf(job.reports.map((r) => `${r.providerMessageId}.${r.status}`)),
              ),
            },
          },
        ]),
    },
    steps: {
      advance: (batches) =>
        add(
          'steps',
          batches.map((b) => ({
            data: { enrollmentIds: [...b.enrollmentIds], cause: b.cause },
            opts: { jobId: jobId('step', b.cause, b.dedupeKey) },
          })),
        ),
    },
    deliveries: {
      deliver: (channel, messageIds, dedupeKey) =>
        add(deliveryQueueName(channel), [
          { data: { messageIds: [...messageIds] }, opts: { jobId: jobId('dlv', dedupeKey) } },
        ]),
    },
    wakeups: {
      bucketEndOf,
      async schedule(wakeAts, now) {
        const buckets = new Set(wakeAts.map(bucketEndOf));
        await add(
          'wakeups',
          [...buckets].map((bucketEndsAt) => ({
            data: { bucketEndsAt },
            opts: { jobId: jobId('wake', bucketEndsAt), delay: Math.max(0, bucketEndsAt - now.getTime()) },
          })),
        );
      },
    },
    maintenance: {
      tick: (task, slot) =>
        add('maintenance', [{ data: { task, slot }, opts: { jobId: jobId('mnt', task, slot) } }]),
    },
    queue,
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      queues.clear();
    },
  };
}
