import { z } from 'zod';

/** Most events one job carries: a batch the server stored together is handled together. */
export const maxEventsPerJob = 100;

/**
 * Ingested customer events, already stored in `events` by the server. The worker reads the
 * stored rows, so the payload only names them (by the caller's event id, unique in `events`).
 * Events stored together travel together, so their journeys advance in one batch.
 */
export const eventJobSchema = z.object({
  eventIds: z.array(z.string().min(1).max(200)).min(1).max(maxEventsPerJob),
});
export type EventJob = z.infer<typeof eventJobSchema>;
