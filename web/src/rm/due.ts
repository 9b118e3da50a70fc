import type { RmTask } from '../api/rm-tasks.ts';

/** Less than this left before the deadline and the task is flagged as due soon (one working day). */
export const dueSoonMs = 8 * 3_600_000;

/** How urgent a task is: past its deadline (can no longer be recorded), due soon, or not yet. */
export type Urgency = 'overdue' | 'soon' | 'later';

export function urgencyOf(task: Pick<RmTask, 'dueAt' | 'overdue'>, now: number): Urgency {
  const left = new Date(task.dueAt).getTime() - now;
  if (task.overdue || left < 0) return 'overdue';
  return left < dueSoonMs ? 'soon' : 'later';
}
