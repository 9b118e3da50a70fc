import { type ConnectorChannel, connectorChannels } from '@waymark/connectors';
import type { JobsOptions } from 'bullmq';
import type { z } from 'zod';
import { deliveryJobSchema } from './payloads/deliveries.ts';
import { eventJobSchema } from './payloads/events.ts';
import { lifecycleJobSchema } from './payloads/lifecycle.ts';
import { maintenanceJobSchema } from './payloads/maintenance.ts';
import { receiptJobSchema } from './payloads/receipts.ts';
import { segmentJobSchema } from './payloads/segments.ts';
import { stepJobSchema } from './payloads/steps.ts';
import { wakeupJobSchema } from './payloads/wakeups.ts';

/** One queue: its BullMQ name, the schema of its jobs and how its jobs retry and are cleaned up. */
export interface QueueSpec<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  jobOptions: JobsOptions;
  /** What the queue carries, for dashboards and the operator docs. */
  description: string;
}

const day = 24 * 3600;
// Completed jobs are removed at once: Postgres is the record, and keeping them would cost Redis
// memory per customer. Failed ones stay a week for operators to inspect.
const engineDefaults = {
  removeOnComplete: true,
  removeOnFail: { age: 7 * day },
} satisfies JobsOptions;

function spec<S extends z.ZodType>(s: QueueSpec<S>): QueueSpec<S> {
  return s;
}

/** Name of the channel queue that delivers one channel's messages. */
export function deliveryQueueName(channel: ConnectorChannel): `deliver-${ConnectorChannel}` {
  return `deliver-${channel}`;
}

const deliveryQueues = Object.fromEntries(
  connectorChannels.map((channel) => [
    deliveryQueueName(channel),
    spec({
      name: deliveryQueueName(channel),
      payload: deliveryJobSchema,
      description: `Delivers claimed ${channel} messages through their connectors, rate-limited per channel.`,
      // 'provider' backoff honours a provider's Retry-After (see the delivery worker's settings).
      jobOptions: { ...engineDefaults, attempts: 8, backoff: { type: 'provider', delay: 2_000 } },
    }),
  ]),
) as Record<`deliver-${ConnectorChannel}`, QueueSpec<typeof deliveryJobSchema>>;

/**
 * Every queue of the engine. The server enqueues through the producers built on it, workers
 * consume through `createQueueWorker`; neither imports the other.
 */
export const queueCatalog = {
  events: spec({
    name: 'events',
    payload: eventJobSchema,
    description:
      'Ingested customer events in batches of up to 100: goal conversions, wait.event resumption, trigger enrollment.',
    jobOptions: { ...engineDefaults, attempts: 10, backoff: { type: 'exponential', delay: 1_000 } },
  }),
  steps: spec({
    name: 'steps',
    payload: stepJobSchema,
    description: 'Moves enrollments through instantaneous nodes until a wait, a send or an exit.',
    jobOptions: { ...engineDefaults, attempts: 10, backoff: { type: 'exponential', delay: 500 } },
  }),
  wakeups: spec({
    name: 'wakeups',
    payload: wakeupJobSchema,
    description: 'One delayed job per time bucket that resumes the waits ending in it.',
    jobOptions: { ...engineDefaults, attempts: 10, backoff: { type: 'exponential', delay: 1_000 } },
  }),
  segments: spec({
    name: 'segments',
    payload: segmentJobSchema,
    description: 'Enrolls a segment journey audience page by page, with visible progress.',
    // Kept after completion so the canvas can show the final count of a run.
    jobOptions: {
      removeOnComplete: { age: 7 * day, count: 1000 },
      removeOnFail: { age: 30 * day },
      attempts: 10,
      backoff: { type: 'exponential', delay: 2_000 },
    },
  }),
  lifecycle: spec({
    name: 'lifecycle',
    payload: lifecycleJobSchema,
    description: 'Pause, resume and archive of journeys.',
    jobOptions: { ...engineDefaults, attempts: 10, backoff: { type: 'exponential', delay: 1_000 } },
  }),
  receipts: spec({
    name: 'receipts',
    payload: receiptJobSchema,
    description: 'Delivery receipts from providers, recorded as message events.',
    jobOptions: { ...engineDefaults, attempts: 10, backoff: { type: 'exponential', delay: 1_000 } },
  }),
  maintenance: spec({
    name: 'maintenance',
    payload: maintenanceJobSchema,
    description: 'Sweeper, reconciler and receipt-poll ticks.',
    jobOptions: { ...engineDefaults, attempts: 1 },
  }),
  ...deliveryQueues,
} as const;

export type QueueKey = keyof typeof queueCatalog;
/** The payload type of a queue's jobs. */
export type JobPayload<K extends QueueKey> = z.output<(typeof queueCatalog)[K]['payload']>;
/** What a producer passes in (defaults not yet applied). */
export type JobInput<K extends QueueKey> = z.input<(typeof queueCatalog)[K]['payload']>;
