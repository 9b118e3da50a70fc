import type { Redis } from 'ioredis';

/** What is wrong with a Redis for the engine, each with the reason and the fix. */
export interface RedisProblem {
  code: 'eviction-policy' | 'no-aof';
  message: string;
}

/**
 * Checks the Redis the workers are about to use.
 *
 * - `maxmemory-policy` must be `noeviction`: any other policy lets Redis silently delete queue
 *   keys under memory pressure, and BullMQ's jobs and locks would vanish mid-flight. Always fatal.
 * - AOF (`appendonly yes`) keeps queued work across a Redis restart. Postgres is the record and
 *   the sweeper re-creates lost work, so without AOF nothing is lost, only delayed by one sweep;
 *   it is therefore required in production (`requireAof`) and only warned about elsewhere.
 */
export async function checkRedisReadiness(
  redis: Redis,
  options: { requireAof: boolean },
): Promise<{ fatal: RedisProblem[]; warnings: RedisProblem[] }> {
  const policy = await configValue(redis, 'maxmemory-policy');
  const aof = await configValue(redis, 'appendonly');
  return judgeRedisConfig({ policy, aof }, options);
}

/** The verdict on a Redis's settings (separate from reading them, so every case can be checked). */
export function judgeRedisConfig(
  config: { policy: string; aof: string },
  options: { requireAof: boolean },
): { fatal: RedisProblem[]; warnings: RedisProblem[] } {
  const { policy, aof } = config;
  const fatal: RedisProblem[] = [];
  const warnings: RedisProblem[] = [];
  if (policy !== 'noeviction') {
    fatal.push({
      code: 'eviction-policy',
      message:
        `Redis maxmemory-policy is "${policy}", but the workers need "noeviction": with any other policy ` +
        'Redis may delete queued jobs when memory runs short. Set it with `CONFIG SET maxmemory-policy ' +
        'noeviction` (and in redis.conf).',
    });
  }
  if (aof !== 'yes') {
    const problem: RedisProblem = {
      code: 'no-aof',
      message:
        'Redis append-only file is off (appendonly no): after a Redis restart queued work is rebuilt ' +
        'from Postgres by the sweeper, so customers are delayed, not lost. Enable it with ' +
        '`CONFIG SET appendonly yes` for production.',
    };
    (options.requireAof ? fatal : warnings).push(problem);
  }
  return { fatal, warnings };
}

async function configValue(redis: Redis, name: string): Promise<string> {
  const reply = (await redis.config('GET', name)) as string[];
  return reply[1] ?? '';
}
