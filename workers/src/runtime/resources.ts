import { type ConnectorRegistry, connectorDefinitions, createConnectorRegistry } from '@waymark/connectors';
import type { Db } from '@waymark/db';
import type { PiiCipher } from '@waymark/db/crypto';
import { createProducers, type Producers } from '@waymark/queues';
import { createTemplateEngine, type TemplateEngine } from '@waymark/templates';
import type { Redis } from 'ioredis';
import { createSplitStatsCache, type SplitStatsCache } from '../steps/split-stats.ts';
import { createVersionCache, type VersionCache } from '../steps/version-cache.ts';
import { type Clock, systemClock } from './clock.ts';
import { type ConnectorAccounts, createConnectorAccounts } from './connector-accounts.ts';
import { createJourneyDirectory, type JourneyDirectory } from './journey-directory.ts';
import { createLogger, type Logger } from './logger.ts';
import { createRateLimiter, type RateLimiter } from './rate-limiter.ts';
import { defaultEngineSettings, type EngineSettings } from './settings.ts';

/**
 * Everything a processor may use, passed explicitly: no module-level singletons, so a test builds
 * its own engine on its own database, Redis prefix and clock.
 */
export interface EngineResources {
  db: Db;
  redis: Redis;
  prefix: string;
  producers: Producers;
  clock: Clock;
  log: Logger;
  cipher: PiiCipher;
  connectors: ConnectorAccounts;
  rateLimiter: RateLimiter;
  /** Published journey versions, compiled once per process. */
  versions: VersionCache;
  /** Live journeys and the event names journeys care about, refreshed every `journeyCacheMs`. */
  journeys: JourneyDirectory;
  /** The Handlebars engine (with its compile cache) messages are rendered with. */
  templates: TemplateEngine;
  /** Adaptive splits' counts, re-read every `splitStatsMaxAgeMs`. */
  splitStats: SplitStatsCache;
  settings: EngineSettings;
}

export interface EngineResourceOptions {
  db: Db;
  /** Shared by producers; workers open their own blocking connections from it. */
  redis: Redis;
  prefix: string;
  cipher: PiiCipher;
  clock?: Clock;
  log?: Logger;
  settings?: Partial<EngineSettings>;
  connectorRegistry?: ConnectorRegistry;
  wakeupBucketMs?: number;
}

export function createEngineResources(options: EngineResourceOptions): EngineResources {
  const clock = options.clock ?? systemClock;
  const settings = { ...defaultEngineSettings, ...options.settings };
  const versions = createVersionCache(options.db);
  return {
    db: options.db,
    redis: options.redis,
    prefix: options.prefix,
    producers: createProducers({
      connection: options.redis,
      prefix: options.prefix,
      ...(options.wakeupBucketMs ? { wakeupBucketMs: options.wakeupBucketMs } : {}),
    }),
    clock,
    log: options.log ?? createLogger(),
    cipher: options.cipher,
    connectors: createConnectorAccounts({
      db: options.db,
      cipher: options.cipher,
      registry: options.connectorRegistry ?? createConnectorRegistry(connectorDefinitions),
    }),
    rateLimiter: createRateLimiter(options.redis, options.prefix),
    versions,
    journeys: createJourneyDirectory(options.db, versions, settings.journeyCacheMs),
    templates: createTemplateEngine(),
    splitStats: createSplitStatsCache(clock, settings.splitStatsMaxAgeMs),
    settings,
  };
}
