import { z } from 'zod';

/** Deliver these claimed messages (all of one channel) through their connectors. */
export const deliveryJobSchema = z.object({
  messageIds: z.array(z.number().int().positive()).min(1).max(500),
});
export type DeliveryJob = z.infer<typeof deliveryJobSchema>;
