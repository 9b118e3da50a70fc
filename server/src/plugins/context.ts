import type { Db } from '@waymark/db';
import type { PiiCipher } from '@waymark/db/crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { AppDeps, Clock, ServerConfig } from '../deps.ts';
import type { ServerLimits } from '../limits.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    redis: Redis | undefined;
    cipher: PiiCipher;
    clock: Clock;
    serverConfig: ServerConfig;
    limits: ServerLimits;
    onEventsIngested: AppDeps['onEventsIngested'];
    onJourneyLifecycle: AppDeps['onJourneyLifecycle'];
    sandbox: AppDeps['sandbox'];
  }
}

export interface ContextOptions {
  deps: AppDeps;
  clock: Clock;
  limits: ServerLimits;
}

/** Shares the dependencies with every route plugin as decorators (the only shared state). */
export const contextPlugin = fp<ContextOptions>(
  async (app: FastifyInstance, { deps, clock, limits }) => {
    app.decorate('db', deps.db);
    app.decorate('redis', deps.redis);
    app.decorate('cipher', deps.cipher);
    app.decorate('clock', clock);
    app.decorate('serverConfig', deps.config);
    app.decorate('limits', limits);
    app.decorate('onEventsIngested', deps.onEventsIngested);
    app.decorate('onJourneyLifecycle', deps.onJourneyLifecycle);
    app.decorate('sandbox', deps.sandbox);
  },
  { name: 'waymark-context' },
);
