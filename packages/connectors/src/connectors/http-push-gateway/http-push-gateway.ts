import { z } from 'zod';
import { errorForExchange, garbledAnswer, readJson } from '../../http/exchange-errors.ts';
import { httpRequest } from '../../http/http-request.ts';
import { bearerJsonHeaders, checkGateway, lookupByKey } from '../../http/json-gateway.ts';
import { defineConnector } from '../../sdk/define-connector.ts';
import { errorForStatus, provider, pushGateway } from './answers.ts';
import { acceptedAnswer, type PushRequestBody, pushGatewayPaths } from './protocol.ts';

const credentials = z.object({
  /** Base URL of the push gateway, e.g. `https://push.bank.example`. */
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://push.example.com' }),
  /** Bearer token the gateway issued; kept encrypted and never shown again. */
  apiToken: z
    .string()
    .min(8, 'the API token the gateway issued (at least 8 characters)')
    .meta({ secret: true }),
  /** Title of a notification whose script has none: usually the app's name. */
  defaultTitle: z.string().min(1).max(100).default('Waymark 银行'),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});
export type HttpPushGatewayCredentials = z.output<typeof credentials>;

/** A generic JSON-over-HTTP push gateway that addresses device tokens or customer ids. */
export const httpPushGateway = defineConnector({
  id: 'http-push-gateway',
  channel: 'push',
  label: 'HTTP push gateway',
  description:
    'Sends app push notifications through a JSON HTTP gateway (to a device token or a customer id); idempotency keys and lookups.',
  credentials,

  async send({ message, credentials: c, idempotencyKey, signal }) {
    const body: PushRequestBody = {
      to: message.to,
      toType: message.toType,
      title: message.title ?? c.defaultTitle,
      body: message.body,
      data: message.data ?? {},
    };
    const response = await httpRequest({
      url: new URL(pushGatewayPaths.send, c.baseUrl),
      method: 'POST',
      headers: { ...bearerJsonHeaders(c.apiToken), 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
      timeoutMs: c.timeoutMs,
      signal,
    }).catch((error: unknown) => {
      throw errorForExchange(provider, error);
    });
    if (response.status < 200 || response.status >= 300) throw errorForStatus(response);
    const answer = acceptedAnswer.safeParse(readJson(response.body));
    if (!answer.success) throw garbledAnswer(provider, response);
    return {
      providerMessageId: answer.data.id,
      status: answer.data.status === 'delivered' ? 'delivered' : 'sent',
      detail: answer.data.duplicate ? { duplicate: true } : undefined,
    };
  },

  lookup({ idempotencyKey, credentials: c, signal }) {
    return lookupByKey(
      { ...pushGateway, errorForStatus, acceptedAnswer },
      {
        url: new URL(pushGatewayPaths.byKey + encodeURIComponent(idempotencyKey), c.baseUrl),
        token: c.apiToken,
        timeoutMs: c.timeoutMs,
        signal,
      },
    );
  },

  check({ credentials: c, signal }) {
    return checkGateway(pushGateway, {
      url: new URL(pushGatewayPaths.app, c.baseUrl),
      token: c.apiToken,
      timeoutMs: c.timeoutMs,
      signal,
    });
  },
});
