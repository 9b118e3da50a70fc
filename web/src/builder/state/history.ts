/**
 * Undo/redo as plain data: the present state plus what came before and after it. Every function
 * returns a new history and never mutates, so React can compare by reference.
 *
 * Edits that belong together (typing a name letter by letter, dragging a node across the canvas)
 * share a `group` key: a change with the same group as the previous one, within `mergeWindowMs`,
 * replaces the top of the undo stack instead of adding to it, so one Ctrl+Z undoes the whole
 * gesture.
 */
export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** Group and time of the last recorded change, for merging gestures. */
  lastGroup: string | undefined;
  lastAt: number;
}

export const historyLimit = 200;
export const mergeWindowMs = 1000;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastGroup: undefined, lastAt: 0 };
}

export interface RecordOptions {
  /** Changes in the same group within the merge window become one undo step. */
  group?: string | undefined;
  now?: number;
}

/** Records `next` as the new present. A change to the identical object is ignored. */
export function record<T>(history: History<T>, next: T, options: RecordOptions = {}): History<T> {
  if (next === history.present) return history;
  const now = options.now ?? Date.now();
  const merges =
    options.group !== undefined &&
    options.group === history.lastGroup &&
    now - history.lastAt <= mergeWindowMs &&
    history.past.length > 0;
  const past = merges ? history.past : [...history.past, history.present].slice(-historyLimit);
  return { past, present: next, future: [], lastGroup: options.group, lastAt: now };
}

/** Replaces the present without an undo step (a server echo, a fresh load). */
export function replacePresent<T>(history: History<T>, next: T): History<T> {
  return { ...history, present: next, lastGroup: undefined };
}

export function canUndo<T>(history: History<T>): boolean {
  return history.past.length > 0;
}

export function canRedo<T>(history: History<T>): boolean {
  return history.future.length > 0;
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    lastGroup: undefined,
    lastAt: 0,
  };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return {
    past: [...history.past, history.present],
    present: next,
    future: rest,
    lastGroup: undefined,
    lastAt: 0,
  };
}
