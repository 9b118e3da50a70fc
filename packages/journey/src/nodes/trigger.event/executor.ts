import type { Executor } from '../../runtime.ts';

/** The trigger already matched when the customer was enrolled: it only lets them through. */
export const triggerEventExecutor: Executor<'trigger.event'> = () => ({ kind: 'advance', port: 'out' });
