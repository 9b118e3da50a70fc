import { z } from 'zod';
import { garbledAnswer, readJson } from '../../http/exchange-errors.ts';
import { type HttpResponse, httpRequest } from '../../http/http-request.ts';
import type { WeComMessage } from '../../sdk/channel-messages.ts';
import { defineConnector, type SendReceipt } from '../../sdk/define-connector.ts';
import { PermanentSendError } from '../../sdk/errors.ts';
import { createAccessTokens } from './access-token.ts';
import { errorForErrcode, errorForStatus, provider } from './answers.ts';
import { postWithToken, refusal } from './call-api.ts';
import {
  agentAnswer,
  errorAnswer,
  sendAnswer,
  type WeComSendBody,
  wecomDefaultBaseUrl,
  wecomPaths,
} from './protocol.ts';

const credentials = z.object({
  /** 企业ID, under My Company → Company Information in the WeCom admin console. */
  corpId: z.string().trim().min(1, 'the corp ID (企业ID), e.g. ww0123456789abcdef').max(64),
  /** The app's Secret; kept encrypted and never shown again. */
  corpSecret: z
    .string()
    .min(8, 'the app secret from the WeCom admin console (at least 8 characters)')
    .meta({ secret: true }),
  /** The app's AgentId (a number, also accepted as a string of digits). */
  agentId: z.union([
    z.number().int().positive(),
    z.string().regex(/^\d+$/, 'the app’s AgentId, a number such as 1000002').transform(Number),
  ]),
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://qyapi.weixin.qq.com' })
    .default(wecomDefaultBaseUrl),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});
export type WeComCredentials = z.output<typeof credentials>;

export interface WeComConnectorOptions {
  /** Clock for access-token expiry (milliseconds since the epoch). */
  now?: () => number;
}

/**
 * Sends application messages (应用消息) through a WeCom app. One definition holds the access
 * tokens of every app it sends for, so build it once per process (the registry does).
 */
export function createWeComConnector(options: WeComConnectorOptions = {}) {
  const tokens = createAccessTokens(options.now ?? Date.now);

  return defineConnector({
    id: 'wecom',
    channel: 'wecom',
    label: 'WeCom (企业微信) app messages',
    description:
      'Sends text or text-card messages to customers’ WeCom user ids through a WeCom app (corp ID, secret, AgentId).',
    credentials,

    async send({ message, credentials: c, signal }) {
      const toUserId = message.toUserId;
      if (!toUserId) {
        throw new PermanentSendError(
          'no-wecom-user',
          'The customer has no WeCom user id for app messages (profile attribute "wecomUserId")',
        );
      }
      const body = JSON.stringify(sendBody({ ...message, toUserId }, c.agentId));
      const response = await postWithToken(tokens, c, wecomPaths.send, body, signal);
      return readSendAnswer(response, toUserId);
    },

    async check({ credentials: c, signal }) {
      const started = Date.now();
      try {
        const token = await tokens.get(c, signal);
        const url = new URL(wecomPaths.agent, c.baseUrl);
        url.searchParams.set('access_token', token);
        url.searchParams.set('agentid', String(c.agentId));
        const response = await httpRequest({
          url,
          method: 'GET',
          timeoutMs: Math.min(c.timeoutMs, 5000),
          signal,
        });
        const body = readJson(response.body);
        const agent = agentAnswer.safeParse(body);
        if (response.status === 200 && agent.success) {
          const name = agent.data.name ? `App “${agent.data.name}”` : 'The WeCom app';
          return { ok: true, message: `${name} answered in ${Date.now() - started} ms` };
        }
        const refused = errorAnswer.safeParse(body);
        if (refused.success)
          return { ok: false, message: errorForErrcode(refused.data.errcode, refused.data.errmsg).message };
        return { ok: false, message: `WeCom answered HTTP ${response.status}` };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
    },
  });
}

/** The connector the registry holds. */
export const wecom = createWeComConnector();

function sendBody(message: WeComMessage & { toUserId: string }, agentid: number): WeComSendBody {
  if (message.card) {
    return {
      touser: message.toUserId,
      agentid,
      msgtype: 'textcard',
      textcard: {
        title: message.card.title,
        description: message.text,
        url: message.card.url,
        btntxt: message.card.buttonText,
      },
    };
  }
  return { touser: message.toUserId, agentid, msgtype: 'text', text: { content: message.text }, safe: 0 };
}

function readSendAnswer(response: HttpResponse, toUserId: string): SendReceipt {
  if (response.status !== 200) throw errorForStatus(response);
  const body = readJson(response.body);
  const sent = sendAnswer.safeParse(body);
  if (sent.success) {
    // errcode 0 still names the recipients WeCom could not reach.
    if (listed(sent.data.invaliduser, toUserId)) {
      throw new PermanentSendError('invalid-recipient', `WeCom could not reach user ${toUserId}`, {
        detail: { msgid: sent.data.msgid },
      });
    }
    if (listed(sent.data.unlicenseduser, toUserId)) {
      throw new PermanentSendError(
        'recipient-unlicensed',
        `WeCom user ${toUserId} has no licence to receive`,
        {
          detail: { msgid: sent.data.msgid },
        },
      );
    }
    return { providerMessageId: sent.data.msgid, status: 'sent' };
  }
  const refused = errorAnswer.safeParse(body);
  if (refused.success && refused.data.errcode !== 0) throw refusal(refused.data.errcode, refused.data.errmsg);
  throw garbledAnswer(provider, response);
}

function listed(list: string | undefined, userId: string): boolean {
  return !!list && list.split('|').includes(userId);
}
