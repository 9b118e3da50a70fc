import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** The Redis tests use: `TEST_REDIS_URL`, or the local default. */
export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A BullMQ prefix no other test file uses, so files run in parallel on one Redis. */
export function createTestPrefix(label = 'test'): string {
  return `wmt-${label}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under a prefix (what a test created), without touching anyone else's. */
export async function dropPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
