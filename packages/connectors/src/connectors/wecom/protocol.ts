import { z } from 'zod';

/**
 * The part of WeCom's server API (企业微信服务端 API) that application messages use. Every answer is
 * HTTP 200 with `{ errcode, errmsg, … }`; `errcode` 0 means success.
 *
 * - `GET /cgi-bin/gettoken?corpid=…&corpsecret=…` → `{ access_token, expires_in }` (seconds, 7200).
 *   The token is shared by every caller of the app and must be cached, not fetched per message.
 * - `POST /cgi-bin/message/send?access_token=…` body `{ touser, msgtype: "text", agentid,
 *   text: { content } }` or `{ …, msgtype: "textcard", textcard: { title, description, url, btntxt } }`
 *   → `{ errcode: 0, msgid, invaliduser }`. A recipient WeCom could not reach is named in
 *   `invaliduser` even when `errcode` is 0.
 * - `GET /cgi-bin/agent/get?access_token=…&agentid=…` → `{ agentid, name, … }` (the app's details).
 */
export const wecomPaths = {
  token: '/cgi-bin/gettoken',
  send: '/cgi-bin/message/send',
  agent: '/cgi-bin/agent/get',
} as const;

export const wecomDefaultBaseUrl = 'https://qyapi.weixin.qq.com';

/** The errcodes whose handling differs; anything else unknown is a refusal of this message. */
export const wecomErrcodes = {
  ok: 0,
  /** 系统繁忙: try again shortly. */
  busy: -1,
  /** Wrong corpsecret, or a secret of another app. */
  invalidCredential: 40001,
  invalidCorpId: 40013,
  invalidAccessToken: 40014,
  missingAccessToken: 41001,
  accessTokenExpired: 42001,
  invalidAgentId: 40056,
  emptyContent: 44004,
  contentTooLong: 45002,
  /** 接口调用超过限制: a frequency limit (per minute / hour / day) was reached. */
  frequencyLimit: 45009,
  /** 接口并发调用超过限制: too many calls at the same moment. */
  concurrencyLimit: 45033,
  /** The server's IP is not in the app's trusted IP list (企业可信IP). */
  untrustedIp: 60020,
  userNotFound: 60111,
  /** UserID、部门ID、标签ID全部非法或无权限. */
  allRecipientsInvalid: 81013,
  recipientsEmpty: 82001,
} as const;

/** The token needs replacing: the call was refused before anything was sent. */
export const tokenErrcodes: ReadonlySet<number> = new Set([
  wecomErrcodes.invalidAccessToken,
  wecomErrcodes.missingAccessToken,
  wecomErrcodes.accessTokenExpired,
]);

export const errorAnswer = z.object({ errcode: z.number(), errmsg: z.string().default('') });

export const tokenAnswer = z.object({
  errcode: z.literal(0),
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

export const sendAnswer = z.object({
  errcode: z.literal(0),
  msgid: z.string().min(1),
  invaliduser: z.string().optional(),
  unlicenseduser: z.string().optional(),
});

export const agentAnswer = z.object({ errcode: z.literal(0), name: z.string().optional() });

/** The wire body of `message/send` for one user. */
export type WeComSendBody =
  | { touser: string; agentid: number; msgtype: 'text'; text: { content: string }; safe: 0 }
  | {
      touser: string;
      agentid: number;
      msgtype: 'textcard';
      textcard: { title: string; description: string; url: string; btntxt?: string | undefined };
    };
