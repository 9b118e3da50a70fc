import { z } from 'zod';

/**
 * Enroll a segment-triggered journey version's audience, page by page. `cursor` (the last
 * customer id enrolled) is written back into the job as pages commit, so a retry resumes there.
 */
export const segmentJobSchema = z.object({
  journeyId: z.uuid(),
  version: z.number().int().positive(),
  /** Distinguishes runs of a recurring segment journey (e.g. the schedule slot). */
  runId: z.string().min(1).max(64),
  cursor: z.string().nullable().default(null),
});
export type SegmentJob = z.infer<typeof segmentJobSchema>;

/** What a running segment enrollment reports as BullMQ job progress. */
export const segmentProgressSchema = z.object({
  pages: z.number().int(),
  enrolled: z.number().int(),
  cursor: z.string().nullable(),
  done: z.boolean(),
});
export type SegmentProgress = z.infer<typeof segmentProgressSchema>;
