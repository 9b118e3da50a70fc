/** Where the engine reads the time: injected everywhere, so tests of week-long waits take milliseconds. */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock a test moves by hand. */
export interface ManualClock extends Clock {
  set(at: Date): void;
  advance(ms: number): Date;
}

export function createManualClock(start: Date): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set(at) {
      current = at.getTime();
    },
    advance(ms) {
      current += ms;
      return new Date(current);
    },
  };
}

/** The machine's clock shifted by a fixed offset (a worker child process in a time-travel test). */
export function createOffsetClock(offsetMs: number): Clock {
  return { now: () => new Date(Date.now() + offsetMs) };
}
