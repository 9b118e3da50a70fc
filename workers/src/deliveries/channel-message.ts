import {
  type ChannelMessages,
  type ConnectorChannel,
  emailMessageSchema,
  pushMessageSchema,
  smsMessageSchema,
  webhookMessageSchema,
  wecomMessageSchema,
} from '@waymark/connectors';
import type { PiiCipher } from '@waymark/db/crypto';
import type { DeliverableMessage } from './load-deliverable.ts';

/** The customer profile attribute that holds the customer's WeCom user id. */
export const wecomUserIdAttribute = 'wecomUserId';
/** The profile attribute with the customer's external userid (外部联系人) in the bank's WeCom. */
export const wecomExternalUserIdAttribute = 'wecomExternalUserId';
/** The profile attribute with the WeCom user id of the relationship manager the customer is a contact of. */
export const rmWecomUserIdAttribute = 'rmWecomUserId';
/** The profile attribute with one device token to push to; without it the push goes to the customer id. */
export const pushTokenAttribute = 'pushToken';

export type ChannelMessageResult =
  | { ok: true; message: ChannelMessages[ConnectorChannel] }
  | { ok: false; code: string; reason: string };

/**
 * Turns a claimed message row into the channel's message shape. The phone number and the e-mail
 * address are decrypted only here, at the last moment, so they never sit in clear in a queue or a
 * message row.
 */
export function buildChannelMessage(row: DeliverableMessage, cipher: PiiCipher): ChannelMessageResult {
  switch (row.channel) {
    case 'sms': {
      let to: string | null = null;
      try {
        to = cipher.decryptOptional(row.phone_enc);
      } catch {
        return {
          ok: false,
          code: 'phone-unreadable',
          reason: 'The customer’s phone number cannot be decrypted',
        };
      }
      if (!to) return { ok: false, code: 'no-phone', reason: 'The customer has no mobile number on file' };
      const parsed = smsMessageSchema.safeParse({ to: to.replace(/[\s-]/g, ''), text: row.body ?? '' });
      if (!parsed.success) {
        return {
          ok: false,
          code: 'invalid-sms',
          reason: `The SMS cannot be sent: ${parsed.error.issues[0]?.message}`,
        };
      }
      return { ok: true, message: parsed.data };
    }
    case 'wecom': {
      // WeCom identities are profile attributes (imported like any other), not PII. The message
      // carries each one the customer has; the connector takes the one it sends through.
      const toUserId = textAttribute(row, wecomUserIdAttribute);
      const externalUserId = textAttribute(row, wecomExternalUserIdAttribute);
      const sender = textAttribute(row, rmWecomUserIdAttribute);
      if (!toUserId && !(externalUserId && sender)) {
        return {
          ok: false,
          code: 'no-wecom-user',
          reason: `The customer has no WeCom user id (profile attribute "${wecomUserIdAttribute}") nor a WeCom contact with their relationship manager ("${wecomExternalUserIdAttribute}" and "${rmWecomUserIdAttribute}")`,
        };
      }
      const parsed = wecomMessageSchema.safeParse({ toUserId, externalUserId, sender, text: row.body ?? '' });
      if (!parsed.success) {
        return {
          ok: false,
          code: 'invalid-wecom',
          reason: `The WeCom message cannot be sent: ${parsed.error.issues[0]?.message}`,
        };
      }
      return { ok: true, message: parsed.data };
    }
    case 'push': {
      // Most push services map the bank's customer id to the customer's devices; a stored token wins.
      const token = row.customer_attributes?.[pushTokenAttribute];
      const recipient =
        typeof token === 'string' && token !== ''
          ? { to: token, toType: 'device' }
          : { to: row.customer_id, toType: 'customer' };
      const parsed = pushMessageSchema.safeParse({ ...recipient, body: row.body ?? '' });
      if (!parsed.success) {
        return {
          ok: false,
          code: 'invalid-push',
          reason: `The push cannot be sent: ${parsed.error.issues[0]?.message}`,
        };
      }
      return { ok: true, message: parsed.data };
    }
    case 'email': {
      let to: string | null = null;
      try {
        to = cipher.decryptOptional(row.email_enc);
      } catch {
        return {
          ok: false,
          code: 'email-unreadable',
          reason: 'The customer’s e-mail address cannot be decrypted',
        };
      }
      if (!to) return { ok: false, code: 'no-email', reason: 'The customer has no e-mail address on file' };
      // The body was rendered when the message was claimed: { subject, text, html }.
      const content = safeJson(row.body) as Record<string, unknown> | undefined;
      const parsed = emailMessageSchema.safeParse({ ...content, to });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return {
          ok: false,
          code: 'invalid-email',
          reason: `The e-mail cannot be sent: ${issue?.path.join('.') || 'message'}: ${issue?.message}`,
        };
      }
      return { ok: true, message: parsed.data };
    }
    case 'webhook': {
      const parsed = webhookMessageSchema.safeParse(safeJson(row.body));
      if (!parsed.success)
        return { ok: false, code: 'invalid-webhook', reason: 'The webhook call is not readable' };
      return { ok: true, message: parsed.data };
    }
    default:
      return {
        ok: false,
        code: 'channel-unsupported',
        reason: `No connector of this version delivers the "${row.channel}" channel`,
      };
  }
}

function textAttribute(row: DeliverableMessage, name: string): string | undefined {
  const value = row.customer_attributes?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function safeJson(text: string | null): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
