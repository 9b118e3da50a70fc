import { createHmac, timingSafeEqual } from 'node:crypto';
import { readJson } from '../../http/exchange-errors.ts';
import type { DeliveryReport, WebhookRequest } from '../../sdk/define-connector.ts';
import { WebhookRejectedError } from '../../sdk/errors.ts';
import { receiptsBody, signatureHeader } from './protocol.ts';

/** Signs a receipts body the way the gateway does (used by the test gateway, too). */
export function signReceipts(rawBody: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** Verifies the gateway's signature, then reads its delivery receipts. */
export function verifyReceipts(input: WebhookRequest & { secret: string | undefined }): DeliveryReport[] {
  if (!input.secret) {
    throw new WebhookRejectedError('bad-signature', 'No webhook secret is configured for this SMS gateway');
  }
  const header = input.headers[signatureHeader];
  const given = Buffer.from(Array.isArray(header) ? (header[0] ?? '') : (header ?? ''));
  const expected = Buffer.from(signReceipts(input.rawBody, input.secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new WebhookRejectedError('bad-signature', 'The delivery receipt signature does not match');
  }
  const parsed = receiptsBody.safeParse(readJson(input.rawBody));
  if (!parsed.success)
    throw new WebhookRejectedError('bad-payload', 'The delivery receipt body is not readable');
  return parsed.data.receipts.map((r) => ({
    providerMessageId: r.id,
    idempotencyKey: r.idempotencyKey,
    status: r.status,
    at: new Date(r.at),
    code: r.code,
    detail: {},
  }));
}
