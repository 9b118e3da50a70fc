import { readJson } from '../../http/exchange-errors.ts';
import { type HttpResponse, retryAfterMs } from '../../http/http-request.ts';
import { type ConnectorSendError, PermanentSendError, TransientSendError } from '../../sdk/errors.ts';
import { errorAnswer } from './protocol.ts';

export const provider = 'the push gateway';

/** Maps a non-2xx gateway answer to the send error class that tells the engine what to do. */
export function errorForStatus(response: HttpResponse): ConnectorSendError {
  const parsed = errorAnswer.safeParse(readJson(response.body));
  const providerCode = parsed.success ? parsed.data.error.code : undefined;
  const providerMessage = parsed.success ? parsed.data.error.message : response.body.slice(0, 200);
  const detail = { httpStatus: response.status, providerCode };
  const wait = retryAfterMs(response.headers['retry-after']);
  if (response.status === 429) {
    return new TransientSendError('rate-limited', 'The push gateway asked us to slow down', {
      detail,
      retryAfterMs: wait,
    });
  }
  if (response.status >= 500) {
    return new TransientSendError(
      'provider-unavailable',
      `The push gateway is unavailable (${response.status})`,
      {
        detail,
        retryAfterMs: wait,
      },
    );
  }
  if (response.status === 401 || response.status === 403) {
    return new PermanentSendError('auth-failed', 'The push gateway refused the API token', { detail });
  }
  if (response.status === 410) {
    return new PermanentSendError(
      'device-unregistered',
      'The device no longer accepts pushes (app removed)',
      {
        detail,
      },
    );
  }
  if (response.status === 404 && providerCode === 'unknown_customer') {
    return new PermanentSendError('invalid-recipient', 'The customer has no device registered for push', {
      detail,
    });
  }
  return new PermanentSendError(
    providerCode ?? 'rejected',
    `The push gateway refused the message: ${providerMessage}`,
    { detail },
  );
}
