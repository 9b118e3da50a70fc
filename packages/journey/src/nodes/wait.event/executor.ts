import { evaluate } from '@waymark/conditions';
import { durationMinutes } from '../../node-types/duration.ts';
import type { Executor } from '../../runtime.ts';

/**
 * Waits for an event until a deadline. The port is decided by what happened, not by which job
 * arrived first: "matched" when a qualifying event occurred between the start of the wait and
 * the deadline, "timeout" once the deadline has passed without one.
 */
export const waitEventExecutor: Executor<'wait.event'> = ({ node, enrollment, events, now }) => {
  const { config } = node;
  const timeoutMs = durationMinutes(config.timeout) * 60_000;
  if (!enrollment.wakeAt) {
    return { kind: 'waitForEvent', event: config.event, deadline: new Date(now.getTime() + timeoutMs) };
  }
  const deadline = enrollment.wakeAt.getTime();
  const start = deadline - timeoutMs;
  const matched = events.some((event) => {
    const at = event.occurredAt.getTime();
    if (event.name !== config.event || at < start || at > deadline) return false;
    return (
      !config.condition || evaluate(config.condition, { customer: { attributes: {}, tags: [] }, event, now })
    );
  });
  if (matched) return { kind: 'advance', port: 'matched' };
  if (now.getTime() >= deadline) return { kind: 'advance', port: 'timeout' };
  return { kind: 'waitForEvent', event: config.event, deadline: enrollment.wakeAt };
};
