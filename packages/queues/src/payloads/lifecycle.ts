import { z } from 'zod';

export const lifecycleActions = ['pause', 'resume', 'archive'] as const;

/**
 * A planner paused, resumed or archived a journey. Pause holds sends and new entries; resume
 * releases what was held; archive exits every customer still inside, with the reason.
 */
export const lifecycleJobSchema = z.object({
  journeyId: z.uuid(),
  action: z.enum(lifecycleActions),
  reason: z.string().max(500).default(''),
});
export type LifecycleJob = z.infer<typeof lifecycleJobSchema>;
export type LifecycleAction = (typeof lifecycleActions)[number];
