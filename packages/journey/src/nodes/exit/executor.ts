import type { Executor } from '../../runtime.ts';

/** Ends the journey for the customer with the planner's reason (or a plain "exit"). */
export const exitExecutor: Executor<'exit'> = ({ node }) => ({
  kind: 'exit',
  reason: node.config.reason.trim() || 'exit',
});
