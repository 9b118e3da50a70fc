import type { Executor } from '../../runtime.ts';

/** Segment membership was decided by the enrollment query: the trigger only lets them through. */
export const triggerSegmentExecutor: Executor<'trigger.segment'> = () => ({ kind: 'advance', port: 'out' });
