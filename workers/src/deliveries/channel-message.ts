import {
  type ChannelMessages,
  type ConnectorChannel,
  smsMessageSchema,
  webhookMessageSchema,
} from '@waymark/connectors';
import type { PiiCipher } from '@waymark/db/crypto';
import type { DeliverableMessage } from './load-deliverable.ts';

export type ChannelMessageResult =
  | { ok: true; message: ChannelMessages[ConnectorChannel] }
  | { ok: false; code: string; reason: string };

/**
 * Turns a claimed message row into the channel's message shape. The phone number is decrypted
 * only here, at the last moment, so it never sits in clear in a queue or a message row.
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

function safeJson(text: string | null): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
