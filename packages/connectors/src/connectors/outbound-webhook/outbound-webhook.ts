import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { AnswerLostError, httpRequest, RequestNotSentError, retryAfterMs } from '../../http/http-request.ts';
import { webhookMessageSchema } from '../../sdk/channel-messages.ts';
import { defineConnector } from '../../sdk/define-connector.ts';
import { PermanentSendError, TransientSendError, UnknownOutcomeError } from '../../sdk/errors.ts';
import {
  AddressNotAllowedError,
  assertLiteralAllowed,
  createAddressPolicy,
  isValidAllowEntry,
} from './address-policy.ts';

const credentials = z.object({
  /** Signs every call (`X-Waymark-Signature`) so the receiver can tell it came from Waymark. */
  signingSecret: z.string().min(16, 'at least 16 characters').optional(),
  /** Private addresses (IPs or CIDRs) that may be called anyway, e.g. an internal CRM. */
  allowPrivateAddresses: z
    .array(z.string().refine(isValidAllowEntry, 'an IP address or CIDR such as 10.1.0.0/16'))
    .default([]),
  /** When set, only these host names (or `*.suffix`) may be called. */
  allowedHosts: z.array(z.string().min(1)).optional(),
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
});
export type OutboundWebhookCredentials = z.output<typeof credentials>;

export const signatureHeaderName = 'x-waymark-signature';
export const timestampHeaderName = 'x-waymark-timestamp';

/**
 * Calls an external URL from a journey. SSRF-safe: the host is resolved here and private,
 * loopback, link-local and reserved addresses are refused unless allow-listed; redirects are not
 * followed.
 */
export const outboundWebhook = defineConnector({
  id: 'outbound-webhook',
  channel: 'webhook',
  label: 'Outbound webhook',
  description: 'Calls an allowed external HTTP endpoint with a signed JSON body.',
  credentials,

  async send({ message: raw, credentials: c, idempotencyKey, signal }) {
    const parsed = webhookMessageSchema.safeParse(raw);
    if (!parsed.success) {
      throw new PermanentSendError(
        'invalid-webhook',
        `The webhook call is not valid: ${parsed.error.issues[0]?.message}`,
      );
    }
    const message = parsed.data;
    const url = new URL(message.url);
    if (c.allowedHosts && !c.allowedHosts.some((h) => hostMatches(url.hostname, h))) {
      throw new PermanentSendError(
        'host-not-allowed',
        `"${url.hostname}" is not on this connector's list of hosts`,
      );
    }
    const policy = createAddressPolicy(c.allowPrivateAddresses);
    try {
      assertLiteralAllowed(url, policy);
    } catch (error) {
      throw new PermanentSendError('address-not-allowed', (error as Error).message);
    }
    const hasBody = message.method !== 'GET' && message.method !== 'DELETE';
    const body = hasBody ? JSON.stringify(message.body ?? null) : '';
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = {
      ...message.headers,
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      'idempotency-key': idempotencyKey,
      [timestampHeaderName]: timestamp,
    };
    if (c.signingSecret) {
      headers[signatureHeaderName] =
        `sha256=${createHmac('sha256', c.signingSecret).update(`${timestamp}.${body}`).digest('hex')}`;
    }
    let response: Awaited<ReturnType<typeof httpRequest>>;
    try {
      response = await httpRequest({
        url,
        method: message.method,
        headers,
        ...(hasBody ? { body } : {}),
        timeoutMs: Math.min(c.timeoutMs, (message.timeoutSeconds ?? 60) * 1000),
        signal,
        lookup: policy.lookup,
      });
    } catch (error) {
      if (error instanceof RequestNotSentError && error.cause instanceof AddressNotAllowedError) {
        throw new PermanentSendError('address-not-allowed', error.cause.message);
      }
      if (error instanceof AnswerLostError) {
        throw new UnknownOutcomeError('answer-lost', `The endpoint did not answer: ${error.message}`, {
          cause: error,
        });
      }
      throw new TransientSendError(
        'endpoint-unreachable',
        `Could not reach the endpoint: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const detail = { httpStatus: response.status };
    if (response.status >= 200 && response.status < 300) {
      const requestId = response.headers['x-request-id'];
      return {
        providerMessageId: (Array.isArray(requestId) ? requestId[0] : requestId) ?? idempotencyKey,
        status: 'delivered',
        detail,
      };
    }
    if (response.status === 408 || response.status === 429 || response.status >= 500) {
      throw new TransientSendError('endpoint-unavailable', `The endpoint answered HTTP ${response.status}`, {
        detail,
        retryAfterMs: retryAfterMs(response.headers['retry-after']),
      });
    }
    throw new PermanentSendError(
      'endpoint-refused',
      `The endpoint refused the call (HTTP ${response.status})`,
      {
        detail,
      },
    );
  },

  async check({ credentials: c }) {
    const entries = c.allowPrivateAddresses.length;
    return {
      ok: true,
      message:
        entries === 0
          ? 'Ready; private and local addresses are refused'
          : `Ready; ${entries} private address range(s) allowed`,
    };
  },
});

function hostMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  return p.startsWith('*.') ? h.endsWith(p.slice(1)) : h === p;
}
