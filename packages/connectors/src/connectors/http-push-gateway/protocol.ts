import { z } from 'zod';

/**
 * The generic HTTP push gateway protocol (JSON over HTTP): the bank's own push service, or a
 * relay in front of APNs / FCM / the domestic vendor channels, that knows which devices a customer
 * has. The local test gateway speaks it exactly.
 *
 * - `POST /v1/push` with `Authorization: Bearer <apiToken>` and `Idempotency-Key: <key>`, body
 *   `{ to, toType: "device" | "customer", title, body, data }` → `202 { id, status: "accepted" }`.
 *   `toType: "customer"` lets the gateway fan out to every device of that customer id.
 *   Repeating a key returns the first answer (with `duplicate: true`) and pushes nothing new.
 * - `GET /v1/push/by-key/<key>` → `200 { id, status }` or `404`: did the gateway take it?
 * - `GET /v1/app` → `200 { name }` when the token is valid, `401` otherwise.
 * - Errors, bodies `{ error: { code, message } }`: `400` refused for good, `401`/`403` bad token,
 *   `404 unknown_customer` (no device registered for the customer), `410 unregistered` (the device
 *   token is no longer valid, as APNs and FCM report it), `429` and `5xx` try again later
 *   (`Retry-After` honoured).
 */
export const pushGatewayPaths = {
  send: '/v1/push',
  byKey: '/v1/push/by-key/',
  app: '/v1/app',
} as const;

export const acceptedAnswer = z.object({
  id: z.string().min(1),
  status: z.enum(['accepted', 'delivered']),
  duplicate: z.boolean().optional(),
});

export const errorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** The wire body of one push. */
export interface PushRequestBody {
  to: string;
  toType: 'device' | 'customer';
  title: string;
  body: string;
  data: Record<string, string>;
}
