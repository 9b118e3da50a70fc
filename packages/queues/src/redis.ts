import { Redis } from 'ioredis';

/**
 * An ioredis connection fit for BullMQ: `maxRetriesPerRequest: null` so a blocking worker
 * connection waits out a Redis restart instead of failing its commands.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export type { Redis };
