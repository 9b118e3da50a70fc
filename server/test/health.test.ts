import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

let redis: Redis;
let t: TestApp;
beforeAll(async () => {
  redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
  await redis.connect();
  t = await createTestApp({ redis });
});
afterAll(async () => {
  await t.close();
  redis.disconnect();
});

describe('operations endpoints', () => {
  it('/healthz answers while the process is up, without signing in', async () => {
    const response = await t.app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz checks Postgres and Redis', async () => {
    const response = await t.app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('/readyz answers 503 naming Redis when Redis does not answer', async () => {
    const deadRedis = new Redis({
      port: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    deadRedis.on('error', () => undefined);
    const app = await createTestApp({ redis: deadRedis });
    try {
      const response = await app.app.inject({ url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'not-ready', checks: { postgres: 'ok', redis: 'failed' } });
    } finally {
      await app.close();
      deadRedis.disconnect();
    }
  });

  it('/metrics exposes request durations by route pattern and status, and journey gauges', async () => {
    const headers = await t.signIn('admin');
    await t.app.inject({ url: '/api/v1/connectors/some-id', headers });
    const response = await t.app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toMatch(
      /waymark_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/connectors\/:id",status_code="404"\} 1/,
    );
    expect(response.body).toContain('# TYPE waymark_journeys gauge');
    expect(response.body).toContain('waymark_imports_running 0');
    expect(response.body).toContain('waymark_process_cpu_user_seconds_total');
  });

  it('returns the request id, honouring one sent by a proxy', async () => {
    const response = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-123' } });
    expect(response.headers['x-request-id']).toBe('lb-123');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    const odd = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'x'.repeat(500) } });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
