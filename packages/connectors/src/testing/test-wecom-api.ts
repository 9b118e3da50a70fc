import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { wecomErrcodes as E, wecomPaths } from '../connectors/wecom/protocol.ts';
import { contactPaths } from '../connectors/wecom-contact/protocol.ts';
import { parseJson, reply } from './gateway-http.ts';
import { startLocalServer } from './local-server.ts';
import {
  type ContactSendStatus,
  createContactTaskBook,
  type ReceivedContactTask,
  type SentContactMessage,
} from './test-wecom-contact-tasks.ts';
import { createCountWaiter } from './wait-for-count.ts';

/** An application message the API took. */
export interface ReceivedWeComMessage {
  msgid: string;
  toUserId: string;
  agentId: number;
  msgtype: 'text' | 'textcard';
  /** The text, or the card's description. */
  text: string;
  title: string | undefined;
  url: string | undefined;
  at: Date;
}

/** What the API answers to the next `message/send` or `add_msg_template` calls instead of taking them. */
export type WeComBehaviour =
  | { kind: 'errcode'; errcode: number; errmsg?: string }
  /** An HTTP error from whatever stands in front of WeCom (WeCom itself always answers 200). */
  | { kind: 'http'; status: number }
  /** Take the message, then never answer (the client times out). */
  | { kind: 'accept-then-hang' };

export interface TestWeComApi {
  /** Base URL to configure the `wecom` connector with (instead of https://qyapi.weixin.qq.com). */
  readonly url: string;
  readonly corpId: string;
  readonly corpSecret: string;
  readonly agentId: number;
  /** Answers the next `times` sends (1 unless given) with this behaviour. */
  behave(behaviour: WeComBehaviour, times?: number): void;
  /** User ids that do not exist in the corp: sending to them answers errcode 81013. */
  rejectUsers(userIds: Iterable<string>): void;
  /** External userids that are no one's contact: `add_msg_template` lists them in `fail_list`. */
  rejectContacts(externalUserIds: Iterable<string>): void;
  /**
   * What the relationship manager did with a task: sent it (1), or WeCom failed it (2 not a
   * contact, 3 over the quota), for the given customers or all of them.
   */
  markContactTask(msgid: string, status: ContactSendStatus, externalUserIds?: Iterable<string>): void;
  /** Customer-contact tasks taken, in arrival order. */
  contactTasks(): ReceivedContactTask[];
  /** Every token issued so far now answers errcode 42001 (expired), as WeCom does after two hours. */
  expireTokens(): void;
  /** Messages taken, in arrival order. */
  received(): ReceivedWeComMessage[];
  stats(): {
    tokenRequests: number;
    sendRequests: number;
    refusedTokens: number;
    addTemplateRequests: number;
    sendResultRequests: number;
  };
  waitForReceived(count: number, timeoutMs?: number): Promise<void>;
  waitForContactTasks(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestWeComApiOptions {
  corpId?: string;
  corpSecret?: string;
  agentId?: number;
  /** `expires_in` of issued tokens, in seconds (WeCom's is 7200). */
  tokenTtlSeconds?: number;
  port?: number;
  /** Told about every message taken (the demo sandbox keeps them). */
  onMessage?: (message: ReceivedWeComMessage) => void;
  /**
   * Confirms every customer-contact task as if each relationship manager sent it this many
   * milliseconds after `add_msg_template` (0: at once; status 1, send_time then). Unset (tests),
   * a task waits for `markContactTask`.
   */
  contactTasksSentAfterMs?: number;
  /** Told about each customer a contact task reached, when their RM sent it (the demo sandbox keeps them). */
  onContactMessage?: (message: SentContactMessage) => void;
  /** How many taken messages `received()` remembers (all unless given; a long-running sandbox bounds it). */
  remember?: number;
}

/**
 * A real HTTP server on a local port with the shape of WeCom's server API (gettoken, message/send,
 * agent/get, and the customer-contact externalcontact/add_msg_template and
 * get_groupmsg_send_result): HTTP 200 with an errcode for everything, tokens that expire, per-user
 * refusals, rate-limit errcodes on demand, and tasks a test settles as the RM would.
 */
export async function startTestWeComApi(options: TestWeComApiOptions = {}): Promise<TestWeComApi> {
  const corpId = options.corpId ?? 'wwtestcorp0000001';
  const corpSecret = options.corpSecret ?? 'test-wecom-app-secret';
  const agentId = options.agentId ?? 1000002;
  const ttl = options.tokenTtlSeconds ?? 7200;
  const tokens = new Map<string, 'valid' | 'expired'>();
  const rejected = new Set<string>();
  const rules: { behaviour: WeComBehaviour; remaining: number }[] = [];
  const taken: ReceivedWeComMessage[] = [];
  const totals = {
    tokenRequests: 0,
    sendRequests: 0,
    refusedTokens: 0,
    addTemplateRequests: 0,
    sendResultRequests: 0,
  };
  const contacts = createContactTaskBook(rejected, {
    sentAfterMs: options.contactTasksSentAfterMs,
    onSent: options.onContactMessage,
  });
  const remember = options.remember ?? Number.POSITIVE_INFINITY;
  let takenCount = 0;
  const waiter = createCountWaiter('the WeCom API', () => takenCount);
  let nextId = 1;

  const errcode = (res: http.ServerResponse, code: number, errmsg: string) =>
    reply(res, 200, { errcode: code, errmsg });

  /** The next behaviour rule, shared by both sending APIs. */
  const nextBehaviour = (): WeComBehaviour | undefined => {
    const rule = rules[0];
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) rules.shift();
    return rule.behaviour;
  };

  const tokenProblem = (token: string | null): [number, string] | undefined => {
    if (!token) return [E.missingAccessToken, 'access_token missing'];
    const state = tokens.get(token);
    if (!state) return [E.invalidAccessToken, 'invalid access_token'];
    if (state === 'expired') return [E.accessTokenExpired, 'access_token expired'];
    return undefined;
  };

  const server = await startLocalServer((req, res) => {
    if (req.method === 'GET' && req.url.pathname === wecomPaths.token) {
      totals.tokenRequests += 1;
      if (req.url.searchParams.get('corpid') !== corpId)
        return errcode(res, E.invalidCorpId, 'invalid corpid');
      if (req.url.searchParams.get('corpsecret') !== corpSecret) {
        return errcode(res, E.invalidCredential, 'invalid credential');
      }
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, 'valid');
      return reply(res, 200, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: ttl });
    }
    const problem = tokenProblem(req.url.searchParams.get('access_token'));
    if (req.method === 'GET' && req.url.pathname === wecomPaths.agent) {
      if (problem) return errcode(res, ...problem);
      if (req.url.searchParams.get('agentid') !== String(agentId)) {
        return errcode(res, E.invalidAgentId, 'invalid agentid');
      }
      return reply(res, 200, { errcode: 0, errmsg: 'ok', agentid: agentId, name: 'Waymark 测试应用' });
    }
    if (req.method === 'POST' && req.url.pathname === wecomPaths.send) {
      totals.sendRequests += 1;
      if (problem) {
        totals.refusedTokens += 1;
        return errcode(res, ...problem);
      }
      const behaviour = nextBehaviour();
      if (behaviour?.kind === 'errcode') {
        return errcode(res, behaviour.errcode, behaviour.errmsg ?? `simulated errcode ${behaviour.errcode}`);
      }
      if (behaviour?.kind === 'http') return reply(res, behaviour.status, { message: 'simulated outage' });
      const outcome = takeMessage(parseJson(req.body));
      if (behaviour?.kind === 'accept-then-hang') return;
      if ('errcode' in outcome) return errcode(res, outcome.errcode, outcome.errmsg);
      return reply(res, 200, { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: outcome.msgid });
    }
    if (req.method === 'POST' && req.url.pathname === contactPaths.addMsgTemplate) {
      totals.addTemplateRequests += 1;
      if (problem) return errcode(res, ...problem);
      const behaviour = nextBehaviour();
      if (behaviour?.kind === 'errcode') {
        return errcode(res, behaviour.errcode, behaviour.errmsg ?? `simulated errcode ${behaviour.errcode}`);
      }
      if (behaviour?.kind === 'http') return reply(res, behaviour.status, { message: 'simulated outage' });
      const answer = contacts.take(parseJson(req.body));
      if (behaviour?.kind === 'accept-then-hang') return;
      return reply(res, 200, answer);
    }
    if (req.method === 'POST' && req.url.pathname === contactPaths.sendResult) {
      totals.sendResultRequests += 1;
      if (problem) return errcode(res, ...problem);
      const behaviour = nextBehaviour();
      if (behaviour?.kind === 'errcode') {
        return errcode(res, behaviour.errcode, behaviour.errmsg ?? `simulated errcode ${behaviour.errcode}`);
      }
      if (behaviour?.kind === 'http') return reply(res, behaviour.status, { message: 'simulated outage' });
      return reply(res, 200, contacts.sendResult(parseJson(req.body)));
    }
    return reply(res, 404, { errcode: 404, errmsg: 'no such api' });
  }, options.port);

  function takeMessage(body: unknown): { msgid: string } | { errcode: number; errmsg: string } {
    const m = (body ?? {}) as {
      touser?: string;
      agentid?: number | string;
      msgtype?: string;
      text?: { content?: string };
      textcard?: { title?: string; description?: string; url?: string };
    };
    if (String(m.agentid) !== String(agentId))
      return { errcode: E.invalidAgentId, errmsg: 'invalid agentid' };
    if (!m.touser || rejected.has(m.touser)) {
      return { errcode: E.allRecipientsInvalid, errmsg: 'user & party & tag all invalid' };
    }
    const card = m.msgtype === 'textcard' ? m.textcard : undefined;
    const text = card ? card.description : m.text?.content;
    if ((m.msgtype !== 'text' && m.msgtype !== 'textcard') || !text || (card && (!card.title || !card.url))) {
      return { errcode: E.emptyContent, errmsg: 'empty content' };
    }
    const message: ReceivedWeComMessage = {
      msgid: `wecom-msg-${nextId++}`,
      toUserId: m.touser,
      agentId,
      msgtype: m.msgtype,
      text,
      title: card?.title,
      url: card?.url,
      at: new Date(),
    };
    taken.push(message);
    takenCount += 1;
    if (taken.length > remember) taken.shift();
    options.onMessage?.(message);
    waiter.bump();
    return { msgid: message.msgid };
  }

  return {
    url: server.url,
    corpId,
    corpSecret,
    agentId,
    behave(behaviour, times = 1) {
      rules.push({ behaviour, remaining: times });
    },
    rejectUsers(userIds) {
      for (const id of userIds) rejected.add(id);
    },
    rejectContacts: (externalUserIds) => contacts.rejectContacts(externalUserIds),
    markContactTask: (msgid, status, externalUserIds) => contacts.mark(msgid, status, externalUserIds),
    contactTasks: () => contacts.list(),
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 'expired');
    },
    received: () => [...taken],
    stats: () => ({ ...totals }),
    waitForReceived: (count, timeoutMs) => waiter.waitFor(count, timeoutMs),
    waitForContactTasks: (count, timeoutMs) => contacts.waitFor(count, timeoutMs),
    close: () => {
      contacts.close();
      return server.close();
    },
  };
}
