import { z } from 'zod';

/**
 * Periodic repairs that make Postgres, not Redis, the source of truth: `sweep` resumes overdue
 * enrollments and re-queues stranded messages (after a Redis flush nothing is lost), `reconcile`
 * settles messages whose provider answer was lost, `poll-receipts` asks providers that push no
 * delivery receipts how the messages still `sent` went.
 */
export const maintenanceJobSchema = z.object({
  task: z.enum(['sweep', 'reconcile', 'poll-receipts']),
  /** The time slot the tick belongs to; with the task it makes the job id, so ticks dedupe. */
  slot: z.number().int().nonnegative(),
});
export type MaintenanceJob = z.infer<typeof maintenanceJobSchema>;
