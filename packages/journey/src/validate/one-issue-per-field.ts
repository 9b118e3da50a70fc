import type { FieldIssue } from '../problems/zod-issues.ts';

/**
 * The first issue of each field. A schema may find several things wrong with one value (an empty
 * event name is both empty and not an event name); the planner needs to hear the first one, and
 * the next once that is fixed.
 */
export function oneIssuePerField(issues: readonly FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify(issue.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
