import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, historyLimit, record, redo, undo } from './history.ts';

describe('undo history', () => {
  it('undoes and redoes changes in order', () => {
    let h = createHistory('a');
    h = record(h, 'b', { now: 0 });
    h = record(h, 'c', { now: 5000 });
    expect(h.present).toBe('c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    h = redo(h);
    expect(h.present).toBe('c');
    expect(canRedo(h)).toBe(false);
  });

  it('forgets the redo branch when a new change is made after undo', () => {
    let h = record(record(createHistory(1), 2, { now: 0 }), 3, { now: 5000 });
    h = undo(h);
    h = record(h, 4, { now: 9000 });
    expect(h.present).toBe(4);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(2);
  });

  it('merges a gesture (same group, within the window) into one undo step', () => {
    let h = createHistory('');
    h = record(h, 'H', { group: 'name', now: 0 });
    h = record(h, 'Hi', { group: 'name', now: 300 });
    h = record(h, 'Hi!', { group: 'name', now: 600 });
    expect(undo(h).present).toBe('');
  });

  it('does not merge changes of different groups or after a pause', () => {
    let h = createHistory('');
    h = record(h, 'a', { group: 'name', now: 0 });
    h = record(h, 'ab', { group: 'name', now: 5000 });
    h = record(h, 'ab+', { group: 'other', now: 5100 });
    expect(undo(h).present).toBe('ab');
    expect(undo(undo(h)).present).toBe('a');
  });

  it('keeps at most the history limit', () => {
    let h = createHistory(0);
    for (let i = 1; i <= historyLimit + 50; i++) h = record(h, i, { now: i * 10_000 });
    expect(h.past.length).toBe(historyLimit);
  });

  it('ignores recording the identical state', () => {
    const state = { a: 1 };
    const h = createHistory(state);
    expect(record(h, state)).toBe(h);
  });
});
