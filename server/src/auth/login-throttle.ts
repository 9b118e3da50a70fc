/**
 * Slows down password guessing: after `maxFailures` wrong passwords for one user name within
 * `windowMs`, further attempts are refused until the window has passed. Kept in process memory
 * (each server process counts on its own), bounded in size, and driven by the injected clock.
 */
export interface LoginThrottle {
  /** Milliseconds until this user name may try again, or 0 when it may try now. */
  retryAfterMs(username: string, now: Date): number;
  recordFailure(username: string, now: Date): void;
  recordSuccess(username: string): void;
}

const MAX_TRACKED = 10_000;

export function createLoginThrottle(
  options: { maxFailures?: number; windowMs?: number } = {},
): LoginThrottle {
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const failures = new Map<string, number[]>();
  const recent = (username: string, now: Date) =>
    (failures.get(username) ?? []).filter((at) => now.getTime() - at < windowMs);

  return {
    retryAfterMs(username, now) {
      const times = recent(username, now);
      if (times.length < maxFailures) return 0;
      return windowMs - (now.getTime() - (times[times.length - maxFailures] ?? now.getTime()));
    },
    recordFailure(username, now) {
      if (!failures.has(username) && failures.size >= MAX_TRACKED) {
        // Forget the oldest entry rather than grow without bound under a spray of user names.
        const oldest = failures.keys().next().value;
        if (oldest !== undefined) failures.delete(oldest);
      }
      failures.set(username, [...recent(username, now), now.getTime()]);
    },
    recordSuccess(username) {
      failures.delete(username);
    },
  };
}
