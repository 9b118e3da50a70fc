import { z } from 'zod';

/** Why a step job exists: useful in logs and metrics; the processor decides from Postgres alone. */
export const stepCauses = ['entered', 'woken', 'event', 'delivered', 'resumed', 'swept'] as const;

/**
 * Move these enrollments forward as far as they can go. Many ids in one job let a segment page or
 * a wake-up bucket run as one batch (one read of enrollments, customers and graphs).
 */
export const stepJobSchema = z.object({
  enrollmentIds: z.array(z.number().int().positive()).min(1).max(1000),
  cause: z.enum(stepCauses),
});
export type StepJob = z.infer<typeof stepJobSchema>;
export type StepCause = (typeof stepCauses)[number];
