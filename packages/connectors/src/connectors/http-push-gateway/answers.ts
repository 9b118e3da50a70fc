import type { HttpResponse } from '../../http/http-request.ts';
import { errorForGatewayStatus, type JsonGateway, refusalOf } from '../../http/json-gateway.ts';
import { type ConnectorSendError, PermanentSendError } from '../../sdk/errors.ts';

export const pushGateway: JsonGateway = { provider: 'the push gateway', credentialName: 'API token' };
export const provider = pushGateway.provider;

/** Maps a non-2xx gateway answer to the send error class that tells the engine what to do. */
export function errorForStatus(response: HttpResponse): ConnectorSendError {
  const refusal = refusalOf(response);
  const detail = { httpStatus: response.status, providerCode: refusal.code };
  if (response.status === 410) {
    return new PermanentSendError(
      'device-unregistered',
      'The device no longer accepts pushes (app removed)',
      {
        detail,
      },
    );
  }
  if (response.status === 404 && refusal.code === 'unknown_customer') {
    return new PermanentSendError('invalid-recipient', 'The customer has no device registered for push', {
      detail,
    });
  }
  return errorForGatewayStatus(pushGateway, response);
}
