import { useEffect, useState } from 'react';
import { countWaitingApprovals } from '../api/approvals.ts';

/** How often an approver's navigation looks for new requests while they stay on one page. */
const refreshMs = 60_000;

const changed = 'waymark:approvals-changed';

/** Tells the navigation's count that a request was just decided here, so it reads again now. */
export function announceApprovalsChanged(): void {
  window.dispatchEvent(new Event(changed));
}

/**
 * Requests waiting for this approver's decision (stale ones and their own left out: they cannot
 * approve those),
 * for the count beside 待审批 / Approvals. Read again on every page change, after a decision made
 * here (`announceApprovalsChanged`) and every minute;
 * undefined while unknown or when `enabled` is false.
 */
export function usePendingApprovalCount(enabled: boolean, location: string): number | undefined {
  const [count, setCount] = useState<number | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `location` changes to read the count again on every page.
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const read = () =>
      countWaitingApprovals().then(
        (waiting) => {
          if (!cancelled) setCount(waiting);
        },
        // The count is a hint; the queue page itself reports errors.
        () => undefined,
      );
    void read();
    const timer = setInterval(() => void read(), refreshMs);
    const onChanged = () => void read();
    window.addEventListener(changed, onChanged);
    return () => {
      cancelled = true;
      clearInterval(timer);
      window.removeEventListener(changed, onChanged);
    };
  }, [enabled, location]);
  return enabled ? count : undefined;
}
