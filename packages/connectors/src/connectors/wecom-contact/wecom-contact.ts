import { z } from 'zod';
import type { WeComMessage } from '../../sdk/channel-messages.ts';
import { defineConnector, type OutgoingMessage, type SendOutcome } from '../../sdk/define-connector.ts';
import {
  type ConnectorSendError,
  isConnectorSendError,
  PermanentSendError,
  UnknownOutcomeError,
} from '../../sdk/errors.ts';
import { type AccessTokens, createAccessTokens } from '../wecom/access-token.ts';
import { postWithToken } from '../wecom/call-api.ts';
import { wecomDefaultBaseUrl } from '../wecom/protocol.ts';
import { notAContact, readContactAnswer } from './answers.ts';
import { type AddTemplateBody, addTemplateAnswer, contactPaths } from './protocol.ts';
import { pollSendResults } from './send-results.ts';

const credentials = z.object({
  /** 企业ID, under My Company → Company Information in the WeCom admin console. */
  corpId: z.string().trim().min(1, 'the corp ID (企业ID), e.g. ww0123456789abcdef').max(64),
  /** The Secret of Customer Contact (客户联系), or of an app allowed to use it; kept encrypted. */
  corpSecret: z
    .string()
    .min(8, 'the customer-contact secret from the WeCom admin console (at least 8 characters)')
    .meta({ secret: true }),
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://qyapi.weixin.qq.com' })
    .default(wecomDefaultBaseUrl),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});
export type WeComContactCredentials = z.output<typeof credentials>;

export interface WeComContactConnectorOptions {
  /** Clock for access-token expiry and receipts without a send time (milliseconds since the epoch). */
  now?: () => number;
}

/** A message with the recipient this connector needs. */
type ContactMessage = WeComMessage & { externalUserId: string; sender: string };

/**
 * Reaches customers as their relationship manager's external contacts (客户联系): each call asks
 * one RM to send one script to some of their customers, and the customer hears nothing until the
 * RM confirms it in WeCom. So a message is `sent` when the task exists and `delivered` only once
 * polling finds the RM sent it; WeCom pushes no receipt for it.
 */
export function createWeComContactConnector(options: WeComContactConnectorOptions = {}) {
  const now = options.now ?? Date.now;
  const tokens = createAccessTokens(now);

  return defineConnector({
    id: 'wecom-contact',
    channel: 'wecom',
    label: 'WeCom (企业微信) via relationship managers',
    description:
      'Asks each customer’s relationship manager to send the script to them as a WeCom external contact (客户联系); delivery is confirmed once the manager sends it.',
    credentials,
    maxBatchSize: 1000,

    async send({ message, idempotencyKey, credentials: c, signal }) {
      const [outcome] = await sendBatch(tokens, c, [{ message, idempotencyKey }], signal);
      if (!outcome) throw new UnknownOutcomeError('answer-lost', 'No outcome for the message');
      if (!outcome.ok) throw outcome.error;
      return outcome.receipt;
    },

    sendBatch: ({ items, credentials: c, signal }) => sendBatch(tokens, c, items, signal),

    receipts: {
      poll: ({ credentials: c, sent, signal }) => pollSendResults(tokens, c, sent, now, signal),
    },

    async check({ credentials: c, signal }) {
      const started = Date.now();
      try {
        await tokens.get(c, signal);
        return {
          ok: true,
          message: `WeCom issued a token for corp ${c.corpId} in ${Date.now() - started} ms`,
        };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
    },
  });
}

/** The connector the registry holds. */
export const wecomContact = createWeComContactConnector();

/**
 * One `add_msg_template` per relationship manager and script: a task carries one text to many of
 * the RM's customers, so messages with the same sender and the same rendered content share a call
 * (and its msgid), and a personalised script costs a call per customer. A failed call fails only
 * its own messages.
 */
async function sendBatch(
  tokens: AccessTokens,
  c: WeComContactCredentials,
  items: readonly OutgoingMessage<WeComMessage>[],
  signal: AbortSignal,
): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = [];
  const tasks = new Map<string, OutgoingMessage<ContactMessage>[]>();
  for (const item of items) {
    const { externalUserId, sender } = item.message;
    if (!externalUserId || !sender) {
      outcomes.push({
        idempotencyKey: item.idempotencyKey,
        ok: false,
        error: new PermanentSendError(
          'no-wecom-contact',
          'The customer has no WeCom external contact with a relationship manager (profile attributes "wecomExternalUserId" and "rmWecomUserId")',
        ),
      });
      continue;
    }
    const message = { ...item.message, externalUserId, sender };
    const key = JSON.stringify([sender, message.text, message.card ?? null]);
    tasks.set(key, [...(tasks.get(key) ?? []), { message, idempotencyKey: item.idempotencyKey }]);
  }
  for (const task of tasks.values()) outcomes.push(...(await sendTask(tokens, c, task, signal)));
  return outcomes;
}

async function sendTask(
  tokens: AccessTokens,
  c: WeComContactCredentials,
  items: OutgoingMessage<ContactMessage>[],
  signal: AbortSignal,
): Promise<SendOutcome[]> {
  const first = items[0]!.message;
  const body: AddTemplateBody = {
    chat_type: 'single',
    external_userid: [...new Set(items.map((i) => i.message.externalUserId))],
    sender: first.sender,
    text: { content: first.text },
    ...(first.card
      ? { attachments: [{ msgtype: 'link', link: { title: first.card.title, url: first.card.url } }] }
      : {}),
  };
  try {
    const response = await postWithToken(
      tokens,
      c,
      contactPaths.addMsgTemplate,
      JSON.stringify(body),
      signal,
    );
    const answer = readContactAnswer(response, addTemplateAnswer);
    const failed = new Set(answer.fail_list);
    return items.map((item): SendOutcome => {
      const detail = { sender: item.message.sender, externalUserId: item.message.externalUserId };
      if (failed.has(item.message.externalUserId)) {
        return {
          idempotencyKey: item.idempotencyKey,
          ok: false,
          error: notAContact({ ...detail, msgid: answer.msgid }),
        };
      }
      return {
        idempotencyKey: item.idempotencyKey,
        ok: true,
        receipt: { providerMessageId: answer.msgid, status: 'sent', detail },
      };
    });
  } catch (error) {
    const failure: ConnectorSendError = isConnectorSendError(error)
      ? error
      : new UnknownOutcomeError('connector-crashed', `The connector failed unexpectedly: ${String(error)}`, {
          cause: error,
        });
    return items.map((item) => ({ idempotencyKey: item.idempotencyKey, ok: false, error: failure }));
  }
}
