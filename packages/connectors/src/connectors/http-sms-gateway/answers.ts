import {
  AnswerLostError,
  type HttpResponse,
  RequestNotSentError,
  retryAfterMs,
} from '../../http/http-request.ts';
import {
  type ConnectorSendError,
  PermanentSendError,
  TransientSendError,
  UnknownOutcomeError,
} from '../../sdk/errors.ts';
import { errorAnswer } from './protocol.ts';

/** Parses a JSON body, or undefined when the gateway answered something that is not JSON. */
export function readJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Maps a non-2xx gateway answer to the send error class that tells the engine what to do. */
export function errorForStatus(response: HttpResponse): ConnectorSendError {
  const parsed = errorAnswer.safeParse(readJson(response.body));
  const providerCode = parsed.success ? parsed.data.error.code : undefined;
  const providerMessage = parsed.success ? parsed.data.error.message : response.body.slice(0, 200);
  const detail = { httpStatus: response.status, providerCode };
  if (response.status === 429) {
    return new TransientSendError('rate-limited', 'The SMS gateway asked us to slow down', {
      detail,
      retryAfterMs: retryAfterMs(response.headers['retry-after']),
    });
  }
  if (response.status >= 500) {
    return new TransientSendError(
      'provider-unavailable',
      `The SMS gateway is unavailable (${response.status})`,
      {
        detail,
        retryAfterMs: retryAfterMs(response.headers['retry-after']),
      },
    );
  }
  if (response.status === 401 || response.status === 403) {
    return new PermanentSendError('auth-failed', 'The SMS gateway refused the API key', { detail });
  }
  return new PermanentSendError(
    providerCode ?? 'rejected',
    `The SMS gateway refused the message: ${providerMessage}`,
    { detail },
  );
}

/** Maps a failed HTTP exchange (no answer at all) to a send error. */
export function errorForExchange(error: unknown): ConnectorSendError {
  if (error instanceof RequestNotSentError) {
    return new TransientSendError(
      'provider-unreachable',
      `Could not reach the SMS gateway: ${error.message}`,
      {
        cause: error,
        detail: { network: error.code },
      },
    );
  }
  if (error instanceof AnswerLostError) {
    return new UnknownOutcomeError('answer-lost', `The SMS gateway did not answer: ${error.message}`, {
      cause: error,
      detail: { network: error.code },
    });
  }
  return new UnknownOutcomeError('answer-lost', 'The SMS gateway exchange failed unexpectedly', {
    cause: error,
  });
}

/** A 2xx answer we cannot read: the gateway probably took the message, so the outcome is unknown. */
export function garbledAnswer(response: HttpResponse): UnknownOutcomeError {
  return new UnknownOutcomeError('garbled-answer', 'The SMS gateway answered something we cannot read', {
    detail: { httpStatus: response.status, body: response.body.slice(0, 200) },
  });
}
