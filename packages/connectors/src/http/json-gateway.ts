import { z } from 'zod';
import type { CheckResult, LookupResult } from '../sdk/define-connector.ts';
import { type ConnectorSendError, PermanentSendError, TransientSendError } from '../sdk/errors.ts';
import { capitalise, errorForExchange, garbledAnswer, readJson } from './exchange-errors.ts';
import { type HttpResponse, httpRequest, retryAfterMs } from './http-request.ts';

/**
 * What the JSON-over-HTTP gateways (SMS, push) have in common: bearer-token JSON requests, an
 * `{ error: { code, message } }` body on refusals, a message looked up by our idempotency key,
 * and a cheap authenticated GET for the health check.
 */
export interface JsonGateway {
  /** Names the other side in messages a channel operator reads: "the SMS gateway". */
  provider: string;
  /** What the bearer token is called in the gateway's console: "API key", "API token". */
  credentialName: string;
}

export const gatewayErrorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export function bearerJsonHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' };
}

/** The refusal body's code and message, when the gateway sent one. */
export function refusalOf(response: HttpResponse): { code: string | undefined; message: string } {
  const parsed = gatewayErrorAnswer.safeParse(readJson(response.body));
  return parsed.success
    ? { code: parsed.data.error.code, message: parsed.data.error.message }
    : { code: undefined, message: response.body.slice(0, 200) };
}

/**
 * Maps a non-2xx answer to the send error that tells the engine what to do: 429 and 5xx are
 * worth a retry (after Retry-After), a refused credential and anything else are permanent.
 * Channel-specific statuses are checked by the connector before it falls back to this.
 */
export function errorForGatewayStatus(gateway: JsonGateway, response: HttpResponse): ConnectorSendError {
  const refusal = refusalOf(response);
  const detail = { httpStatus: response.status, providerCode: refusal.code };
  const who = capitalise(gateway.provider);
  const wait = retryAfterMs(response.headers['retry-after']);
  if (response.status === 429) {
    return new TransientSendError('rate-limited', `${who} asked us to slow down`, {
      detail,
      retryAfterMs: wait,
    });
  }
  if (response.status >= 500) {
    return new TransientSendError('provider-unavailable', `${who} is unavailable (${response.status})`, {
      detail,
      retryAfterMs: wait,
    });
  }
  if (response.status === 401 || response.status === 403) {
    return new PermanentSendError('auth-failed', `${who} refused the ${gateway.credentialName}`, { detail });
  }
  return new PermanentSendError(
    refusal.code ?? 'rejected',
    `${who} refused the message: ${refusal.message}`,
    {
      detail,
    },
  );
}

/** Asks the gateway whether it took a message with this idempotency key (404: it never did). */
export async function lookupByKey(
  gateway: JsonGateway & {
    errorForStatus(response: HttpResponse): ConnectorSendError;
    /** The gateway's accepted-message answer, the same for a send and a lookup. */
    acceptedAnswer: z.ZodType<{ id: string; status: 'accepted' | 'delivered' }>;
  },
  request: { url: URL; token: string; timeoutMs: number; signal: AbortSignal },
): Promise<LookupResult> {
  const response = await httpRequest({
    url: request.url,
    method: 'GET',
    headers: bearerJsonHeaders(request.token),
    timeoutMs: request.timeoutMs,
    signal: request.signal,
  }).catch((error: unknown) => {
    throw errorForExchange(gateway.provider, error);
  });
  if (response.status === 404) return { found: false };
  if (response.status < 200 || response.status >= 300) throw gateway.errorForStatus(response);
  const answer = gateway.acceptedAnswer.safeParse(readJson(response.body));
  if (!answer.success) throw garbledAnswer(gateway.provider, response);
  return {
    found: true,
    receipt: {
      providerMessageId: answer.data.id,
      status: answer.data.status === 'delivered' ? 'delivered' : 'sent',
    },
  };
}

/** The health check: an authenticated GET that must answer 200 within five seconds. */
export async function checkGateway(
  gateway: JsonGateway,
  request: { url: URL; token: string; timeoutMs: number; signal: AbortSignal },
): Promise<CheckResult> {
  const who = capitalise(gateway.provider);
  const started = Date.now();
  try {
    const response = await httpRequest({
      url: request.url,
      method: 'GET',
      headers: bearerJsonHeaders(request.token),
      timeoutMs: Math.min(request.timeoutMs, 5000),
      signal: request.signal,
    });
    if (response.status === 401 || response.status === 403) {
      return { ok: false, message: `${who} refused the ${gateway.credentialName}` };
    }
    if (response.status !== 200) return { ok: false, message: `${who} answered HTTP ${response.status}` };
    return { ok: true, message: `${who} answered in ${Date.now() - started} ms` };
  } catch (error) {
    return { ok: false, message: `Could not reach ${gateway.provider}: ${(error as Error).message}` };
  }
}
