import { z } from 'zod';

/**
 * Wake every enrollment whose wait ends before `bucketEndsAt` (ms since epoch). One delayed job
 * per time bucket, not one per customer: the wake-up times themselves live in Postgres.
 */
export const wakeupJobSchema = z.object({
  bucketEndsAt: z.number().int().nonnegative(),
});
export type WakeupJob = z.infer<typeof wakeupJobSchema>;
