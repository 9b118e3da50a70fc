import { RenderAbort, type SourceLoc } from './errors.ts';
import type { HelperContext } from './helpers/define-helper.ts';
import { defaultTimeZone } from './locale.ts';

/** The bounds one render runs under. */
export interface RenderBounds {
  /** `now()` value after which the render stops with `template.timeout`. */
  deadline: number;
  timeoutMs: number;
  /** Block bodies (loop iterations, taken if/unless/with branches) allowed in one render. */
  maxIterations: number;
  maxOutputChars: number;
}

const clock: () => number =
  typeof performance === 'object' && typeof performance.now === 'function'
    ? () => performance.now()
    : () => Date.now();

/** Milliseconds from a monotonic clock where the runtime has one (browsers and Node do). */
export function monotonicNow(): number {
  return clock();
}

/**
 * The state of one render: its bounds, what it has used so far, and what helpers need to know
 * (locale, time zone, the names of the values each helper call was given).
 *
 * Output is counted at block boundaries: when a block body returns, its text replaces the count
 * its nested bodies added (`committed = before + text.length`), so `committed` is exactly the
 * length of the text completed blocks have produced. That text always ends up in the output
 * (our block helpers only concatenate), so stopping when it passes the limit never rejects an
 * output that would have fitted.
 */
export class RenderSession {
  iterations = 0;
  committed = 0;

  constructor(
    readonly bounds: RenderBounds,
    readonly helperContext: HelperContext,
    /** Source text of the values passed at each helper call, keyed by `line:column`. */
    readonly argumentNames: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** Stops the render once its deadline has passed. */
  checkTime(loc?: SourceLoc): void {
    if (clock() > this.bounds.deadline) {
      throw new RenderAbort(
        'template.timeout',
        `The script took longer than ${this.bounds.timeoutMs} ms to fill in and was stopped; ` +
          'it probably repeats over very long lists.',
        loc,
      );
    }
  }

  /** Called before every block body runs: the time check and the iteration cap. */
  enterBlockBody(loc?: SourceLoc): void {
    this.iterations += 1;
    if (this.iterations > this.bounds.maxIterations) {
      throw new RenderAbort(
        'template.too-long',
        `The script repeats more than ${this.bounds.maxIterations.toLocaleString('en')} times ` +
          '(loops over long lists); shorten the lists it repeats over.',
        loc,
      );
    }
    this.checkTime(loc);
  }

  /** Called when a block body returns `length` characters, having started at `before`. */
  commitBlockOutput(before: number, length: number, loc?: SourceLoc): void {
    this.committed = before + length;
    if (this.committed > this.bounds.maxOutputChars) throw tooLong(this.bounds.maxOutputChars, loc);
  }
}

/** The error for an output over the limit. */
export function tooLong(maxOutputChars: number, loc?: SourceLoc): RenderAbort {
  return new RenderAbort(
    'template.too-long',
    `The filled-in script is longer than ${maxOutputChars.toLocaleString('en')} characters.`,
    loc,
  );
}

const unboundedSession = new RenderSession(
  {
    deadline: Number.POSITIVE_INFINITY,
    timeoutMs: Number.POSITIVE_INFINITY,
    maxIterations: 100_000,
    maxOutputChars: 1e7,
  },
  { locale: 'zh-CN', timeZone: defaultTimeZone },
  new Map(),
);

let active: RenderSession | undefined;

/**
 * Makes `session` the active render and returns the one it replaces, which the caller restores
 * with `endSession` in a `finally`, so a throw never leaves a stale session behind. Handlebars
 * renders synchronously and helpers cannot start another render, so one module-level slot is
 * enough. (A pair of calls rather than a callback: no closure per render on the send path.)
 */
export function beginSession(session: RenderSession): RenderSession | undefined {
  const previous = active;
  active = session;
  return previous;
}

/** Restores the session `beginSession` replaced. */
export function endSession(previous: RenderSession | undefined): void {
  active = previous;
}

/** The render in progress (a permissive default if a helper runs outside `render`). */
export function activeSession(): RenderSession {
  return active ?? unboundedSession;
}
