import { z } from 'zod';

/**
 * The generic HTTP SMS gateway protocol (JSON over HTTP), spoken by many domestic aggregators in
 * some dialect and by the local test gateway exactly:
 *
 * - `POST /v1/messages` with `Authorization: Bearer <apiKey>` and `Idempotency-Key: <key>`,
 *   body `{ to, text, sender?, callbackUrl? }` → `202 { id, status: "accepted", cost? }`.
 *   Repeating a key returns the first answer (with `duplicate: true`) and sends nothing new.
 * - `POST /v1/messages/batch` body `{ messages: [{ idempotencyKey, to, text, sender? }], callbackUrl? }`
 *   (at most 100) → `200 { results: [{ idempotencyKey, status: "accepted", id, cost? } |
 *   { idempotencyKey, status: "rejected", error: { code, message } }] }`.
 * - `GET /v1/messages/by-key/<key>` → `200 { id, status }` or `404`: did the gateway take it?
 * - `GET /v1/account` → `200 { name }` when the key is valid, `401` otherwise.
 * - Errors: `400`/`422` refused for good, `401`/`403` bad key, `429` and `5xx` try again later
 *   (`Retry-After` honoured). Bodies `{ error: { code, message } }`.
 * - Delivery receipts: `POST <callbackUrl>` body `{ receipts: [{ id, idempotencyKey, status:
 *   "delivered" | "failed", code?, at }] }`, signed `X-Gateway-Signature: sha256=<hex HMAC-SHA256
 *   of the raw body with the webhook secret>`.
 */
export const gatewayPaths = {
  send: '/v1/messages',
  batch: '/v1/messages/batch',
  byKey: '/v1/messages/by-key/',
  account: '/v1/account',
} as const;

export const gatewayMaxBatch = 100;
export const signatureHeader = 'x-gateway-signature';

export const acceptedAnswer = z.object({
  id: z.string().min(1),
  status: z.enum(['accepted', 'delivered']),
  cost: z.number().nonnegative().optional(),
  duplicate: z.boolean().optional(),
});

export const batchAnswer = z.object({
  results: z.array(
    z.discriminatedUnion('status', [
      z.object({
        idempotencyKey: z.string(),
        status: z.literal('accepted'),
        id: z.string().min(1),
        cost: z.number().nonnegative().optional(),
      }),
      z.object({
        idempotencyKey: z.string(),
        status: z.literal('rejected'),
        error: z.object({ code: z.string(), message: z.string() }),
      }),
    ]),
  ),
});

export const errorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const receiptsBody = z.object({
  receipts: z.array(
    z.object({
      id: z.string().min(1),
      idempotencyKey: z.string().optional(),
      status: z.enum(['delivered', 'failed']),
      code: z.string().optional(),
      at: z.iso.datetime(),
    }),
  ),
});

/** The wire form of one message inside a batch request. */
export interface BatchRequestItem {
  idempotencyKey: string;
  to: string;
  text: string;
  sender?: string | undefined;
}
