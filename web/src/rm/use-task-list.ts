import { useCallback, useEffect, useRef, useState } from 'react';
import { listRmTasks, type RmTask } from '../api/rm-tasks.ts';

export interface TaskList {
  items: RmTask[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Takes a task out of the list at once (its outcome was recorded, or it closed meanwhile). */
  remove: (task: RmTask) => void;
}

const keyOf = (task: Pick<RmTask, 'enrollmentId' | 'nodeId'>) => `${task.enrollmentId}/${task.nodeId}`;

/**
 * One tab of tasks, page by page, with rows that can leave the list without a reload. Loads while
 * `shown` (again each time it is shown), so a tab nobody opens costs no request and no audit row.
 */
export function useTaskList(status: 'open' | 'done', shown = true): TaskList {
  const [items, setItems] = useState<RmTask[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const generation = useRef(0);

  const load = useCallback(
    (after: string | null) => {
      const mine = ++generation.current;
      setLoading(true);
      setError(undefined);
      listRmTasks(status, after ?? undefined)
        .then((page) => {
          if (mine !== generation.current) return;
          setItems((current) => {
            const base = after ? current : [];
            const seen = new Set(base.map(keyOf));
            return [...base, ...page.items.filter((task) => !seen.has(keyOf(task)))];
          });
          setCursor(page.nextCursor);
          setLoading(false);
        })
        .catch((failure: unknown) => {
          if (mine !== generation.current) return;
          setError(failure);
          setLoading(false);
        });
    },
    [status],
  );

  useEffect(() => {
    if (!shown) return;
    load(null);
    return () => {
      generation.current += 1;
    };
  }, [load, shown]);

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    loadMore: () => load(cursor),
    reload: () => load(null),
    remove: (task) => setItems((current) => current.filter((t) => keyOf(t) !== keyOf(task))),
  };
}
