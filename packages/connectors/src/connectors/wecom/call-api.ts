import { errorForExchange, readJson } from '../../http/exchange-errors.ts';
import { type HttpResponse, httpRequest } from '../../http/http-request.ts';
import { type ConnectorSendError, TransientSendError } from '../../sdk/errors.ts';
import type { AccessTokens, TokenAccount } from './access-token.ts';
import { errorForErrcode, provider } from './answers.ts';
import { errorAnswer, tokenErrcodes } from './protocol.ts';

/**
 * POSTs a JSON body to one of WeCom's `?access_token=` APIs. When WeCom refuses the token (it was
 * refused before anything was done), the token is replaced once and the call made again.
 */
export async function postWithToken(
  tokens: AccessTokens,
  account: TokenAccount,
  path: string,
  body: string,
  signal: AbortSignal,
): Promise<HttpResponse> {
  let token = await tokens.get(account, signal);
  let response = await post(account, path, token, body, signal);
  if (tokenErrcodes.has(errcodeOf(response))) {
    tokens.invalidate(account, token);
    token = await tokens.get(account, signal);
    response = await post(account, path, token, body, signal);
  }
  return response;
}

async function post(
  account: TokenAccount,
  path: string,
  token: string,
  body: string,
  signal: AbortSignal,
): Promise<HttpResponse> {
  const url = new URL(path, account.baseUrl);
  url.searchParams.set('access_token', token);
  try {
    return await httpRequest({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      timeoutMs: account.timeoutMs,
      signal,
    });
  } catch (error) {
    throw errorForExchange(provider, error);
  }
}

function errcodeOf(response: HttpResponse): number {
  const parsed = errorAnswer.safeParse(readJson(response.body));
  return parsed.success ? parsed.data.errcode : Number.NaN;
}

/** The send error for a non-zero errcode, once the token was already replaced. */
export function refusal(errcode: number, errmsg: string): ConnectorSendError {
  if (tokenErrcodes.has(errcode)) {
    return new TransientSendError('token-refused', 'WeCom refused a freshly issued access token', {
      detail: { errcode, errmsg },
      retryAfterMs: 2_000,
    });
  }
  return errorForErrcode(errcode, errmsg);
}
