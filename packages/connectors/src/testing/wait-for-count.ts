import { EventEmitter } from 'node:events';

/** Lets a test wait until a local provider has taken `count` messages, without polling. */
export function createCountWaiter(what: string, current: () => number) {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  return {
    /** Call after each message taken. */
    bump(): void {
      events.emit('count', current());
    },
    waitFor(count: number, timeoutMs = 60_000): Promise<void> {
      if (current() >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('count', onCount);
          reject(new Error(`${what} took ${current()} of ${count} messages within ${timeoutMs} ms`));
        }, timeoutMs);
        const onCount = (size: number) => {
          if (size < count) return;
          clearTimeout(timer);
          events.off('count', onCount);
          resolve();
        };
        events.on('count', onCount);
      });
    },
  };
}
