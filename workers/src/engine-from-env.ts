import type { Config } from '@waymark/config';
import type { Db } from '@waymark/db';
import { createPiiCipher } from '@waymark/db/crypto';
import type { Redis } from 'ioredis';
import { type RunningEngine, startEngine } from './engine.ts';
import type { WorkerEnv } from './env.ts';
import { createOffsetClock, systemClock } from './runtime/clock.ts';
import type { Logger } from './runtime/logger.ts';
import { createEngineResources, type EngineResources } from './runtime/resources.ts';

export interface ConfiguredEngine {
  resources: EngineResources;
  start(): Promise<RunningEngine>;
}

/**
 * The engine as the environment configures it: shared by the workers process and by the
 * single-process `npm start`, so both run the same processors with the same settings.
 */
export function engineFromEnv(input: {
  config: Config;
  env: WorkerEnv;
  db: Db;
  redis: Redis;
  log: Logger;
}): ConfiguredEngine {
  const { config, env, db, redis, log } = input;
  const resources = createEngineResources({
    db,
    redis,
    prefix: env.WAYMARK_QUEUE_PREFIX,
    cipher: createPiiCipher({ encryptionKey: config.encryptionKey, blindIndexKey: config.blindIndexKey }),
    clock: env.WAYMARK_CLOCK_OFFSET_MS ? createOffsetClock(env.WAYMARK_CLOCK_OFFSET_MS) : systemClock,
    log,
    settings: {
      channelRateLimits: env.WAYMARK_RATE_LIMITS,
      inFlightGraceMs: env.WAYMARK_IN_FLIGHT_GRACE_MS,
      sendRecheckMs: env.WAYMARK_SEND_RECHECK_MS,
      staleActiveMs: env.WAYMARK_STALE_ACTIVE_MS,
      journeyCacheMs: env.WAYMARK_JOURNEY_CACHE_MS,
      unprocessedEventGraceMs: env.WAYMARK_EVENT_GRACE_MS,
      receiptPollIntervalMs: env.WAYMARK_RECEIPT_POLL_INTERVAL_MS,
    },
  });
  return {
    resources,
    start: () =>
      startEngine(resources, {
        groups: env.WAYMARK_WORKERS,
        sweepIntervalMs: env.WAYMARK_SWEEP_INTERVAL_MS,
        tuning: {
          stepConcurrency: env.WAYMARK_STEP_CONCURRENCY,
          eventConcurrency: env.WAYMARK_EVENT_CONCURRENCY,
          deliveryConcurrency: env.WAYMARK_DELIVERY_CONCURRENCY,
          lockDurationMs: env.WAYMARK_LOCK_DURATION_MS,
          stalledIntervalMs: Math.max(1000, Math.floor(env.WAYMARK_LOCK_DURATION_MS / 2)),
        },
      }),
  };
}
