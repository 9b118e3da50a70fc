import type { Executor } from '../../runtime.ts';

/** The event the RM workbench records when a manager closes a task: `{ enrollmentId, nodeId, outcome }`. */
export const rmTaskOutcomeEvent = 'rm.task.outcome';

/**
 * Waits for the relationship manager's recorded outcome, up to the SLA. The outcome arrives as an
 * `rm.task.outcome` event naming this enrollment and node; none by the SLA leaves through "expired".
 */
export const rmTaskExecutor: Executor<'rm.task'> = ({ node, enrollment, events, now }) => {
  if (!enrollment.wakeAt) {
    return {
      kind: 'waitForEvent',
      event: rmTaskOutcomeEvent,
      deadline: new Date(now.getTime() + node.config.slaHours * 3_600_000),
    };
  }
  const deadline = enrollment.wakeAt.getTime();
  // Only this visit's outcome counts: a journey that loops back to the task must not find the last one.
  const assignedAt = deadline - node.config.slaHours * 3_600_000;
  const outcome = events.find(
    (event) =>
      event.name === rmTaskOutcomeEvent &&
      event.properties.enrollmentId === enrollment.id &&
      event.properties.nodeId === node.id &&
      (event.properties.outcome === 'converted' || event.properties.outcome === 'not-interested') &&
      event.occurredAt.getTime() >= assignedAt &&
      event.occurredAt.getTime() <= deadline,
  );
  if (outcome) return { kind: 'advance', port: String(outcome.properties.outcome) };
  if (now.getTime() >= deadline) return { kind: 'advance', port: 'expired' };
  return { kind: 'waitForEvent', event: rmTaskOutcomeEvent, deadline: enrollment.wakeAt };
};
