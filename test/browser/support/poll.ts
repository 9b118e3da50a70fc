import { expect } from 'vitest';

/**
 * `expect.poll` with a wait that suits a real browser on a busy machine: the page answers in
 * milliseconds when idle, but CI runs many suites at once, so assertions retry for up to 10 s.
 */
export function poll<T>(read: () => T | Promise<T>, options: { timeout?: number } = {}) {
  return expect.poll(read, { timeout: options.timeout ?? 10_000, interval: 100 });
}
