export { type EngineOptions, type RunningEngine, startEngine } from './engine.ts';
export { type ConfiguredEngine, engineFromEnv } from './engine-from-env.ts';
export { type ProcessorGroup, parseWorkerEnv, processorGroups, type WorkerEnv } from './env.ts';
export { type EventOutcome, processEvent, processEvents } from './events/process-event.ts';
export { reconcileUnknown } from './maintenance/reconcile.ts';
export { sweep } from './maintenance/sweep.ts';
export {
  type Clock,
  createManualClock,
  createOffsetClock,
  type ManualClock,
  systemClock,
} from './runtime/clock.ts';
export {
  announceJourneyChange,
  type JourneyChangeListener,
  journeyChangesChannel,
  listenForJourneyChanges,
} from './runtime/journey-changes.ts';
export { createLogger, type Logger } from './runtime/logger.ts';
export { checkRedisReadiness } from './runtime/redis-readiness.ts';
export {
  createEngineResources,
  type EngineResourceOptions,
  type EngineResources,
} from './runtime/resources.ts';
export { defaultEngineSettings, type EngineSettings } from './runtime/settings.ts';
export { defaultWorkerTuning, type WorkerTuning } from './runtime/worker-tuning.ts';
export { advanceEnrollments } from './steps/advance-enrollments.ts';
export { wakeDueEnrollments } from './waits/wake-due.ts';
