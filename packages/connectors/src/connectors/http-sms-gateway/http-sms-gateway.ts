import { z } from 'zod';
import { errorForExchange, garbledAnswer, readJson } from '../../http/exchange-errors.ts';
import { httpRequest } from '../../http/http-request.ts';
import { bearerJsonHeaders, checkGateway, lookupByKey } from '../../http/json-gateway.ts';
import { type DeliveryReport, defineConnector, type SendOutcome } from '../../sdk/define-connector.ts';
import { PermanentSendError, UnknownOutcomeError } from '../../sdk/errors.ts';
import { errorForStatus, smsGateway } from './answers.ts';
import {
  acceptedAnswer,
  type BatchRequestItem,
  batchAnswer,
  gatewayMaxBatch,
  gatewayPaths,
} from './protocol.ts';
import { verifyReceipts } from './receipts.ts';

const credentials = z.object({
  /** Base URL of the gateway, e.g. `https://sms.example.com`. */
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://sms.example.com' }),
  apiKey: z.string().min(8, 'the API key the gateway issued (at least 8 characters)'),
  /** Registered sender signature used when a message names none. */
  sender: z.string().max(32).optional(),
  /** Where the gateway should post delivery receipts (the Waymark webhook URL for this connector). */
  callbackUrl: z.url().optional(),
  /** Shared secret the gateway signs receipts with. */
  webhookSecret: z.string().min(16, 'at least 16 characters').optional(),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});
export type HttpSmsGatewayCredentials = z.output<typeof credentials>;

/** A generic JSON-over-HTTP SMS gateway with idempotency keys, batches and signed delivery receipts. */
export const httpSmsGateway = defineConnector({
  id: 'http-sms-gateway',
  channel: 'sms',
  label: 'HTTP SMS gateway',
  description:
    'Sends SMS through a JSON HTTP gateway; supports batches, idempotency keys and delivery receipts.',
  credentials,
  maxBatchSize: gatewayMaxBatch,

  async send({ message, credentials: c, idempotencyKey, signal }) {
    const response = await httpRequest({
      url: new URL(gatewayPaths.send, c.baseUrl),
      method: 'POST',
      headers: { ...bearerJsonHeaders(c.apiKey), 'idempotency-key': idempotencyKey },
      body: JSON.stringify({
        to: message.to,
        text: message.text,
        sender: message.sender ?? c.sender,
        callbackUrl: c.callbackUrl,
      }),
      timeoutMs: c.timeoutMs,
      signal,
    }).catch((error: unknown) => {
      throw errorForExchange(smsGateway.provider, error);
    });
    if (response.status < 200 || response.status >= 300) throw errorForStatus(response);
    const answer = acceptedAnswer.safeParse(readJson(response.body));
    if (!answer.success) throw garbledAnswer(smsGateway.provider, response);
    return {
      providerMessageId: answer.data.id,
      status: answer.data.status === 'delivered' ? 'delivered' : 'sent',
      cost: answer.data.cost,
      detail: answer.data.duplicate ? { duplicate: true } : undefined,
    };
  },

  async sendBatch({ items, credentials: c, signal }) {
    const messages: BatchRequestItem[] = items.map(({ message, idempotencyKey }) => ({
      idempotencyKey,
      to: message.to,
      text: message.text,
      sender: message.sender ?? c.sender,
    }));
    const response = await httpRequest({
      url: new URL(gatewayPaths.batch, c.baseUrl),
      method: 'POST',
      headers: bearerJsonHeaders(c.apiKey),
      body: JSON.stringify({ messages, callbackUrl: c.callbackUrl }),
      timeoutMs: c.timeoutMs,
      signal,
    }).catch((error: unknown) => {
      throw errorForExchange(smsGateway.provider, error);
    });
    if (response.status < 200 || response.status >= 300) throw errorForStatus(response);
    const answer = batchAnswer.safeParse(readJson(response.body));
    if (!answer.success) throw garbledAnswer(smsGateway.provider, response);
    const byKey = new Map(answer.data.results.map((r) => [r.idempotencyKey, r]));
    return items.map(({ idempotencyKey }): SendOutcome => {
      const result = byKey.get(idempotencyKey);
      if (!result) {
        return {
          idempotencyKey,
          ok: false,
          error: new UnknownOutcomeError('missing-from-answer', 'The gateway answered without this message'),
        };
      }
      if (result.status === 'rejected') {
        return {
          idempotencyKey,
          ok: false,
          error: new PermanentSendError(
            result.error.code,
            `The SMS gateway refused the message: ${result.error.message}`,
          ),
        };
      }
      return {
        idempotencyKey,
        ok: true,
        receipt: { providerMessageId: result.id, status: 'sent', cost: result.cost },
      };
    });
  },

  lookup({ idempotencyKey, credentials: c, signal }) {
    return lookupByKey(
      { ...smsGateway, errorForStatus, acceptedAnswer },
      {
        url: new URL(gatewayPaths.byKey + encodeURIComponent(idempotencyKey), c.baseUrl),
        token: c.apiKey,
        timeoutMs: c.timeoutMs,
        signal,
      },
    );
  },

  check({ credentials: c, signal }) {
    return checkGateway(smsGateway, {
      url: new URL(gatewayPaths.account, c.baseUrl),
      token: c.apiKey,
      timeoutMs: c.timeoutMs,
      signal,
    });
  },

  webhooks: {
    deliveryReports({ headers, rawBody, credentials: c }): DeliveryReport[] {
      return verifyReceipts({ headers, rawBody, secret: c.webhookSecret });
    },
  },
});
