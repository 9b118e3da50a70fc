import type { HttpResponse } from '../../http/http-request.ts';
import { errorForGatewayStatus, type JsonGateway } from '../../http/json-gateway.ts';
import type { ConnectorSendError } from '../../sdk/errors.ts';

export const smsGateway: JsonGateway = { provider: 'the SMS gateway', credentialName: 'API key' };

/** Maps a non-2xx gateway answer to the send error class that tells the engine what to do. */
export function errorForStatus(response: HttpResponse): ConnectorSendError {
  return errorForGatewayStatus(smsGateway, response);
}
