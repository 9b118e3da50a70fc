import { z } from 'zod';

/** Delivery receipts a provider pushed to the server's webhook, already verified by the connector. */
export const receiptJobSchema = z.object({
  /** The configured connector (row id in `connectors`) the receipts came through. */
  connectorId: z.string().min(1),
  reports: z
    .array(
      z.object({
        providerMessageId: z.string().min(1),
        idempotencyKey: z.string().optional(),
        status: z.enum(['delivered', 'failed']),
        at: z.iso.datetime(),
        code: z.string().optional(),
      }),
    )
    .min(1)
    .max(1000),
});
export type ReceiptJob = z.infer<typeof receiptJobSchema>;
