import { readJson } from '../../http/exchange-errors.ts';
import { httpRequest } from '../../http/http-request.ts';
import { type ConnectorSendError, TransientSendError } from '../../sdk/errors.ts';
import { errorForErrcode, errorForStatus, provider } from './answers.ts';
import { errorAnswer, tokenAnswer, wecomPaths } from './protocol.ts';

/** What identifies one WeCom app's token: the same corp and secret share one. */
export interface TokenAccount {
  baseUrl: string;
  corpId: string;
  corpSecret: string;
  timeoutMs: number;
}

export interface AccessTokens {
  /** A token that is still valid, fetched only when none is cached or the cached one is about to expire. */
  get(account: TokenAccount, signal: AbortSignal): Promise<string>;
  /** Forgets `token` when WeCom called it invalid or expired (unless a newer one already replaced it). */
  invalidate(account: TokenAccount, token: string): void;
}

interface Entry {
  token: string;
  /** When to stop using it: a little before WeCom's own expiry, so no send races the deadline. */
  refreshAt: number;
}

/**
 * WeCom limits how often `gettoken` may be called and expects every caller to cache the token for
 * its `expires_in`, so tokens are kept per app, and concurrent sends that find none wait for one
 * shared fetch instead of each asking.
 */
export function createAccessTokens(now: () => number): AccessTokens {
  const cache = new Map<string, Entry>();
  const fetching = new Map<string, Promise<Entry>>();
  const keyOf = (a: TokenAccount) => `${a.baseUrl}\n${a.corpId}\n${a.corpSecret}`;

  return {
    async get(account, signal) {
      const key = keyOf(account);
      const cached = cache.get(key);
      if (cached && now() < cached.refreshAt) return cached.token;
      let pending = fetching.get(key);
      if (!pending) {
        pending = fetchToken(account, signal, now).finally(() => fetching.delete(key));
        fetching.set(key, pending);
      }
      const entry = await pending;
      cache.set(key, entry);
      return entry.token;
    },
    invalidate(account, token) {
      const key = keyOf(account);
      if (cache.get(key)?.token === token) cache.delete(key);
    },
  };
}

async function fetchToken(account: TokenAccount, signal: AbortSignal, now: () => number): Promise<Entry> {
  const url = new URL(wecomPaths.token, account.baseUrl);
  url.searchParams.set('corpid', account.corpId);
  url.searchParams.set('corpsecret', account.corpSecret);
  const asked = now();
  let response: Awaited<ReturnType<typeof httpRequest>>;
  try {
    response = await httpRequest({ url, method: 'GET', timeoutMs: account.timeoutMs, signal });
  } catch (error) {
    // No message was sent yet, whatever happened to this call: retrying is always safe.
    throw new TransientSendError('provider-unreachable', `Could not get a token from ${provider}`, {
      cause: error,
      detail: { step: 'gettoken' },
    });
  }
  if (response.status !== 200) throw asTokenError(errorForStatus(response));
  const body = readJson(response.body);
  const answer = tokenAnswer.safeParse(body);
  if (answer.success) {
    const lifetimeMs = answer.data.expires_in * 1000;
    return {
      token: answer.data.access_token,
      refreshAt: asked + lifetimeMs - Math.min(300_000, lifetimeMs / 2),
    };
  }
  const refused = errorAnswer.safeParse(body);
  if (refused.success && refused.data.errcode !== 0) {
    throw asTokenError(errorForErrcode(refused.data.errcode, refused.data.errmsg));
  }
  throw new TransientSendError('garbled-answer', `${provider} answered gettoken with something unreadable`, {
    detail: { step: 'gettoken', body: response.body.slice(0, 200) },
  });
}

/** Marks an error as coming from the token step, where nothing has been sent yet. */
function asTokenError(error: ConnectorSendError): ConnectorSendError {
  Object.assign(error.detail, { step: 'gettoken' });
  return error;
}
