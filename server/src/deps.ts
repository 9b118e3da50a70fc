import type { Config } from '@waymark/config';
import type { Db } from '@waymark/db';
import type { PiiCipher } from '@waymark/db/crypto';
import type { FastifyServerOptions } from 'fastify';
import type { Redis } from 'ioredis';
import type { SandboxInbox } from './demo/sandbox/index.ts';
import type { ServerLimits } from './limits.ts';

/** Where time comes from; tests pass a fixed or advancing clock. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * The configuration the server reads (a subset of `@waymark/config`'s `Config`). Without
 * `publishApproval`, publishing needs no approval: code that builds the app itself (tests, an
 * embedder) opts in, while a deployment gets `WAYMARK_PUBLISH_APPROVAL`, which defaults to required.
 */
export type ServerConfig = Pick<Config, 'nodeEnv' | 'sessionTtlHours'> &
  Partial<Pick<Config, 'publishApproval'>>;

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
   * Directory of the built web app (`web/dist`) to serve at `/`, same origin as the API. Omit to
   * serve the API only (tests, or a deployment where a CDN serves the app).
   */
  webAppDir?: string;
  /**
   * The seam where the engine takes over ingested events (e.g. `producers.events.ingested`). Called
   * after POST /events has stored a batch, with the ids of every event of the batch, including
   * ones already stored before: a caller that retries after a 503 must get its events processed,
   * so the engine must treat event ids idempotently (deterministic job ids). When it throws, the
   * events stay stored and the call answers 503 `service.unavailable` so the caller retries.
   */
  onEventsIngested?: (eventIds: readonly string[]) => Promise<void>;
  /**
   * Told after a journey was published, paused, resumed or archived (the change is committed
   * first; `journeys.status` stays the source of truth). Failures are logged, not sent to the
   * planner: the engine must also read the status from the database.
   */
  onJourneyLifecycle?: (change: JourneyLifecycleChange) => Promise<void>;
  /** What the demo's sandbox providers received (`npm start` outside production); absent otherwise. */
  sandbox?: SandboxInbox | undefined;
}

/** A committed change of a journey's state, for the engine. */
export interface JourneyLifecycleChange {
  journeyId: string;
  action: 'publish' | 'pause' | 'resume' | 'archive';
  /** The live version after the change (the new one for `publish`). */
  version: number | null;
}
