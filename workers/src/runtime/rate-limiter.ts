import type { Redis } from 'ioredis';

/** A fixed-window message budget shared by every worker process (the counter lives in Redis). */
export interface RateLimiter {
  /**
   * Takes `count` messages from the window of `key`. Returns 0 when granted, otherwise how many
   * ms to wait until the window resets (nothing is taken then).
   */
  take(key: string, count: number, limit: { max: number; durationMs: number }): Promise<number>;
}

// Atomic take-or-refuse: incrementing and then checking from the client would over-admit under
// concurrency, and a refused take must not eat the budget of the next caller.
const takeScript = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local count = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
if current + count > max and current > 0 then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then ttl = tonumber(ARGV[3]) end
  return ttl
end
redis.call('INCRBY', KEYS[1], count)
if current == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 0
`;

export function createRateLimiter(redis: Redis, prefix: string): RateLimiter {
  return {
    async take(key, count, limit) {
      const window = Math.floor(Date.now() / limit.durationMs);
      const wait = (await redis.eval(
        takeScript,
        1,
        `${prefix}:ratelimit:${key}:${window}`,
        String(count),
        String(limit.max),
        String(limit.durationMs),
      )) as number;
      return Number(wait);
    },
  };
}
