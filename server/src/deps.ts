import type { Config } from '@waymark/config';
import type { Db } from '@waymark/db';
import type { PiiCipher } from '@waymark/db/crypto';
import type { FastifyServerOptions } from 'fastify';
import type { Redis } from 'ioredis';
import type { ServerLimits } from './limits.ts';

/** Where time comes from; tests pass a fixed or advancing clock. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** An event as stored, handed to `onEventsIngested` after it was newly recorded. */
export interface IngestedEvent {
  seq: number;
  eventId: string;
  customerId: string;
  name: string;
  properties: Record<string, unknown>;
  occurredAt: Date;
}

/** The configuration the server reads (a subset of `@waymark/config`'s `Config`). */
export type ServerConfig = Pick<Config, 'nodeEnv' | 'sessionTtlHours'>;

/** Everything the HTTP API needs from outside; nothing is read from globals or the environment. */
export interface AppDeps {
  db: Db;
  /** Checked by /readyz when present. */
  redis?: Redis | undefined;
  cipher: PiiCipher;
  clock?: Clock;
  config: ServerConfig;
  /** Fastify's logger option: false (tests), true, or pino options. */
  logger?: FastifyServerOptions['logger'];
  limits?: Partial<ServerLimits>;
  /**
   * Called after POST /events recorded new (non-duplicate) events, outside the database
   * transaction. This is the seam where the engine enqueues event processing; when it throws, the
   * events stay recorded and the call answers 503 so the caller retries (duplicates are ignored).
   */
  onEventsIngested?: (events: readonly IngestedEvent[]) => Promise<void>;
}
