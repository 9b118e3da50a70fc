import { type HttpResponse, retryAfterMs } from '../../http/http-request.ts';
import { type ConnectorSendError, PermanentSendError, TransientSendError } from '../../sdk/errors.ts';
import { wecomErrcodes as E } from './protocol.ts';

export const provider = 'the WeCom API';

/**
 * WeCom names no wait with its limits, so these are ours: the frequency limits count per minute
 * and longer, the concurrency limit and "busy" clear within a second or two.
 */
const frequencyWaitMs = 60_000;
const shortWaitMs = 2_000;

/** Maps a non-zero errcode to the send error that tells the engine what to do with the message. */
export function errorForErrcode(errcode: number, errmsg: string): ConnectorSendError {
  const detail = { errcode, errmsg };
  switch (errcode) {
    case E.frequencyLimit:
      return new TransientSendError('rate-limited', 'WeCom says the app sent too many messages for now', {
        detail,
        retryAfterMs: frequencyWaitMs,
      });
    case E.concurrencyLimit:
      return new TransientSendError('rate-limited', 'WeCom says too many calls arrived at once', {
        detail,
        retryAfterMs: shortWaitMs,
      });
    case E.busy:
      return new TransientSendError('provider-unavailable', 'WeCom is busy', {
        detail,
        retryAfterMs: shortWaitMs,
      });
    case E.userNotFound:
    case E.allRecipientsInvalid:
    case E.recipientsEmpty:
      return new PermanentSendError(
        'invalid-recipient',
        'WeCom does not know this user, or the app may not message them (check its visible range)',
        { detail },
      );
    case E.invalidCredential:
    case E.invalidCorpId:
      return new PermanentSendError('auth-failed', 'WeCom refused the corp ID or the app secret', { detail });
    case E.untrustedIp:
      return new PermanentSendError(
        'ip-not-trusted',
        'WeCom refused this server’s IP address: add it to the app’s trusted IPs (企业可信IP)',
        { detail },
      );
    case E.invalidAgentId:
      return new PermanentSendError('invalid-agent', 'WeCom does not know the configured agentId', {
        detail,
      });
    case E.emptyContent:
    case E.contentTooLong:
      return new PermanentSendError('invalid-content', `WeCom refused the message text: ${errmsg}`, {
        detail,
      });
    default:
      return new PermanentSendError(`wecom-${errcode}`, `WeCom refused the message: ${errmsg}`, { detail });
  }
}

/** An HTTP status other than 200, which WeCom itself never answers (a proxy or an outage did). */
export function errorForStatus(response: HttpResponse): ConnectorSendError {
  const detail = { httpStatus: response.status };
  if (response.status === 429 || response.status >= 500) {
    return new TransientSendError('provider-unavailable', `WeCom is unavailable (HTTP ${response.status})`, {
      detail,
      retryAfterMs: retryAfterMs(response.headers['retry-after']),
    });
  }
  return new PermanentSendError(`http-${response.status}`, `WeCom answered HTTP ${response.status}`, {
    detail,
  });
}
