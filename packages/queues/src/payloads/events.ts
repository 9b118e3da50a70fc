import { z } from 'zod';

/**
 * An ingested customer event, already stored in `events` by the server. The worker reads the
 * stored row, so the payload only names it.
 */
export const eventJobSchema = z.object({
  /** The caller's event id (unique in `events`). */
  eventId: z.string().min(1).max(200),
});
export type EventJob = z.infer<typeof eventJobSchema>;
