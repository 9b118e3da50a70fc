import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createProducers, createQueueWorker, type Producers, queueCatalog } from '../src/index.ts';
import { createTestPrefix, dropPrefix, testRedisUrl } from '../src/testing/index.ts';

let redis: Redis;
let producers: Producers;
const prefix = createTestPrefix('producers');

beforeAll(() => {
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  producers = createProducers({ connection: redis, prefix, wakeupBucketMs: 60_000 });
});
afterAll(async () => {
  await producers.close();
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

it('queues an ingested event once, however often the server reports it', async () => {
  await producers.events.ingested(['crm:evt:1', 'crm:evt:2']);
  await producers.events.ingested(['crm:evt:1']);
  expect(await producers.queue('events').getWaitingCount()).toBe(2);
});

it('refuses a payload that does not match the catalog schema', async () => {
  await expect(producers.lifecycle.request({ journeyId: 'not-a-uuid', action: 'pause' })).rejects.toThrow();
});

it('carries 10,000 waits ending within three minutes in at most four delayed jobs', async () => {
  const now = new Date('2026-11-23T08:00:00Z');
  const wakeAts = Array.from({ length: 10_000 }, (_, i) => new Date(now.getTime() + 3 * 86_400_000 + i * 18));
  await producers.wakeups.schedule(wakeAts, now);
  await producers.wakeups.schedule(wakeAts.slice(0, 100), now);
  const delayed = await producers.queue('wakeups').getDelayed();
  expect(delayed.length).toBeGreaterThanOrEqual(3);
  expect(delayed.length).toBeLessThanOrEqual(4);
  for (const job of delayed) expect(job.data.bucketEndsAt % 60_000).toBe(0);
});

it('reports no progress for a segment run Redis does not know', async () => {
  expect(
    await producers.segments.progress({ journeyId: '6f1c0e0e-8f7a-4a43-9d6b-0a0e6d7f4c11', version: 1 }),
  ).toBeNull();
});

it('hands workers typed payloads and fails malformed jobs at once instead of retrying', async () => {
  const seen: string[] = [];
  const worker = createQueueWorker({
    key: 'receipts',
    connection: redis,
    prefix,
    process: async (payload) => {
      seen.push(payload.connectorId);
    },
  });
  const failed = new Promise<{ attemptsMade: number; reason: string }>((resolve) =>
    worker.on('failed', (job, error) =>
      resolve({ attemptsMade: job?.attemptsMade ?? -1, reason: error.message }),
    ),
  );
  const raw = new Queue(queueCatalog.receipts.name, { connection: redis, prefix });
  await raw.add('receipts', { connectorId: 'sms-main', reports: [] }, { attempts: 5 });
  await producers.receipts.record({
    connectorId: 'sms-main',
    reports: [{ providerMessageId: 'gw-1', status: 'delivered', at: new Date().toISOString() }],
  });
  const failure = await failed;
  expect(failure.reason).toMatch(/Malformed receipts job/);
  expect(failure.attemptsMade).toBe(1);
  await expect.poll(() => seen.length).toBe(1);
  await worker.close();
  await raw.close();
});
