import { z } from 'zod';

/**
 * Message shapes belong to the channel, not to a vendor: every SMS connector receives the same
 * `SmsMessage`, so a journey's send node never changes when the bank switches SMS gateways.
 */

/** Channels a connector can deliver through. `webhook` calls an external system, not a person. */
export const connectorChannels = ['sms', 'wecom', 'push', 'email', 'webhook'] as const;
export type ConnectorChannel = (typeof connectorChannels)[number];

/** A mainland or international mobile number, digits with an optional leading `+`. */
export const phoneNumberSchema = z
  .string()
  .regex(/^\+?\d{6,15}$/, 'a mobile number of 6 to 15 digits, optionally starting with +');

export const smsMessageSchema = z.object({
  /** Recipient mobile number. */
  to: phoneNumberSchema,
  /** The rendered script, already personalised. */
  text: z.string().min(1).max(1000),
  /** Registered sender signature (签名) when the gateway needs one per message. */
  sender: z.string().max(32).optional(),
});
/** One SMS to one customer. */
export type SmsMessage = z.infer<typeof smsMessageSchema>;

export const webhookMessageSchema = z.object({
  /** Absolute http(s) URL; the outbound-webhook connector refuses private addresses. */
  url: z.url({ protocol: /^https?$/ }),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  headers: z.record(z.string(), z.string()).default({}),
  /** Serialized as JSON (not sent with GET and DELETE). */
  body: z.unknown(),
  /** Shorter than the connector's own timeout when the journey asks for it. */
  timeoutSeconds: z.number().int().min(1).max(60).optional(),
});
/** One call of an external system on behalf of a journey. */
export type WebhookMessage = z.input<typeof webhookMessageSchema>;

/** A WeCom user id (成员 UserID): 1 to 64 letters, digits and `_-@.`, as WeCom defines it. */
export const wecomUserIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_@.-]{1,64}$/, 'a WeCom user id of 1 to 64 letters, digits or _-@.');

const utf8 = new TextEncoder();
/** WeCom measures its limits in UTF-8 bytes, so a Chinese script reaches them at a third of the characters. */
const maxBytes = (limit: number) => (text: string) => utf8.encode(text).length <= limit;

export const wecomMessageSchema = z.object({
  /** The customer's WeCom user id (the `wecomUserId` profile attribute). */
  toUserId: wecomUserIdSchema,
  /** The rendered script; a plain text message, or the card's description when `card` is set. */
  text: z.string().min(1).refine(maxBytes(2048), 'at most 2048 bytes (about 680 Chinese characters)'),
  /** Sends a text card (标题 + 描述 + 链接) instead of plain text. */
  card: z
    .object({
      title: z.string().min(1).refine(maxBytes(128), 'at most 128 bytes'),
      url: z.url({ protocol: /^https?$/ }),
      buttonText: z.string().max(4).optional(),
    })
    .optional(),
});
/** One WeCom application message to one customer. */
export type WeComMessage = z.infer<typeof wecomMessageSchema>;

export const pushMessageSchema = z.object({
  /** A device token the app registered, or the bank's customer id when the push service maps it to devices. */
  to: z.string().min(1).max(4096),
  toType: z.enum(['device', 'customer']),
  /** Notification title; the connector's default title (the app's name) when absent. */
  title: z.string().min(1).max(100).optional(),
  /** The rendered script shown in the notification. */
  body: z.string().min(1).max(1000),
  /** Key/value pairs the app receives with the notification (a deep link, a campaign id). */
  data: z.record(z.string(), z.string()).optional(),
});
/** One app push notification to one customer's devices (or one device). */
export type PushMessage = z.infer<typeof pushMessageSchema>;

/** The message type each channel's connectors accept. */
export interface ChannelMessages {
  sms: SmsMessage;
  webhook: WebhookMessage;
  wecom: WeComMessage;
  push: PushMessage;
  email: { to: string; subject: string; text: string; html?: string };
}

/** Runtime schemas for the channels whose message shape is settled; used to check rendered output. */
export const channelMessageSchemas = {
  sms: smsMessageSchema,
  wecom: wecomMessageSchema,
  push: pushMessageSchema,
  webhook: webhookMessageSchema,
} as const;
