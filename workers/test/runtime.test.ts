import { createTestPrefix, dropPrefix, testRedisUrl } from '@waymark/queues/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkerEnv } from '../src/env.ts';
import { createRateLimiter } from '../src/runtime/rate-limiter.ts';
import { checkRedisReadiness, judgeRedisConfig } from '../src/runtime/redis-readiness.ts';

let redis: Redis;
const prefix = createTestPrefix('runtime');
beforeAll(() => {
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
});
afterAll(async () => {
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

describe('rate limiter', () => {
  it('grants a window its budget once, across callers, and says how long to wait after', async () => {
    const limiter = createRateLimiter(redis, prefix);
    const limit = { max: 10, durationMs: 60_000 };
    expect(await limiter.take('sms', 6, limit)).toBe(0);
    expect(await limiter.take('sms', 4, limit)).toBe(0);
    const wait = await limiter.take('sms', 1, limit);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(await limiter.take('webhook', 1, limit)).toBe(0);
  });
});

describe('redis readiness', () => {
  it('accepts the test Redis (noeviction) and only warns about AOF outside production', async () => {
    const aof = ((await redis.config('GET', 'appendonly')) as string[])[1];
    const relaxed = await checkRedisReadiness(redis, { requireAof: false });
    expect(relaxed.fatal).toEqual([]);
    const strict = await checkRedisReadiness(redis, { requireAof: true });
    if (aof === 'yes') expect(strict.fatal).toEqual([]);
    else expect(strict.fatal.map((p) => p.code)).toEqual(['no-aof']);
  });

  it('refuses an evicting Redis and says why', () => {
    const { fatal } = judgeRedisConfig({ policy: 'allkeys-lru', aof: 'yes' }, { requireAof: true });
    expect(fatal).toHaveLength(1);
    expect(fatal[0]?.message).toMatch(/maxmemory-policy is "allkeys-lru".*noeviction.*delete queued jobs/s);
  });
});

describe('worker environment', () => {
  it('runs every processor by default and a chosen subset when asked', () => {
    expect(parseWorkerEnv({}).WAYMARK_WORKERS).toHaveLength(8);
    expect(parseWorkerEnv({ WAYMARK_WORKERS: 'steps, sends' }).WAYMARK_WORKERS).toEqual(['steps', 'sends']);
    expect(parseWorkerEnv({ WAYMARK_RATE_LIMITS: 'sms=100/s,webhook=60/min' }).WAYMARK_RATE_LIMITS).toEqual({
      sms: { max: 100, durationMs: 1000 },
      webhook: { max: 60, durationMs: 60_000 },
    });
  });

  it('names every bad variable at once', () => {
    expect(() =>
      parseWorkerEnv({ WAYMARK_WORKERS: 'steps,cooking', WAYMARK_RATE_LIMITS: 'sms=fast' }),
    ).toThrow(/WAYMARK_WORKERS[\s\S]*WAYMARK_RATE_LIMITS/);
  });
});
