export {
  deliveryQueueName,
  type JobInput,
  type JobPayload,
  type QueueKey,
  type QueueSpec,
  queueCatalog,
} from './catalog.ts';
export { createQueueWorker, type QueueWorkerOptions } from './consumer.ts';
export { digestOf, jobId } from './job-ids.ts';
export type { DeliveryJob } from './payloads/deliveries.ts';
export { type EventJob, maxEventsPerJob } from './payloads/events.ts';
export { type LifecycleAction, type LifecycleJob, lifecycleActions } from './payloads/lifecycle.ts';
export type { MaintenanceJob } from './payloads/maintenance.ts';
export type { ReceiptJob } from './payloads/receipts.ts';
export { type SegmentJob, type SegmentProgress, segmentProgressSchema } from './payloads/segments.ts';
export { type StepCause, type StepJob, stepCauses } from './payloads/steps.ts';
export type { WakeupJob } from './payloads/wakeups.ts';
export { createProducers, type ProducerOptions, type Producers, type StepBatch } from './producers.ts';
export { createRedis, type Redis } from './redis.ts';
