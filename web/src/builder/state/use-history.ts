import { useCallback, useMemo, useState } from 'react';
import {
  canRedo,
  canUndo,
  createHistory,
  type History,
  record,
  redo,
  replacePresent,
  undo,
} from './history.ts';

export interface HistoryControls<T> {
  present: T;
  /** Applies an edit as an undo step; edits with the same `group` in quick succession merge. */
  apply: (edit: (current: T) => T, group?: string) => void;
  /** Replaces the present without an undo step. */
  replace: (next: T) => void;
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
}

/** React state around the pure undo history. */
export function useHistory<T>(initial: T): HistoryControls<T> {
  const [history, setHistory] = useState<History<T>>(() => createHistory(initial));
  const apply = useCallback(
    (edit: (current: T) => T, group?: string) =>
      setHistory((current) => record(current, edit(current.present), { group })),
    [],
  );
  const replace = useCallback((next: T) => setHistory((current) => replacePresent(current, next)), []);
  const doUndo = useCallback(() => setHistory(undo), []);
  const doRedo = useCallback(() => setHistory(redo), []);
  return useMemo(
    () => ({
      present: history.present,
      apply,
      replace,
      undo: doUndo,
      redo: doRedo,
      canUndo: canUndo(history),
      canRedo: canRedo(history),
    }),
    [history, apply, replace, doUndo, doRedo],
  );
}
