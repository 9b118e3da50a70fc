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

/** An external contact's id (外部联系人 external_userid), as WeCom issues it (`wm…`). */
export const wecomExternalUserIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a WeCom external userid of 1 to 64 letters, digits or _-');

/**
 * One channel, two ways in: the `wecom` connector sends application messages to `toUserId`, the
 * `wecom-contact` connector asks the customer's relationship manager (`sender`) to send to the
 * customer as their external contact (`externalUserId`). Both are the customer's WeCom, with the
 * same consent, caps and templates, so a planner picks "WeCom" and then the account; the message
 * carries every WeCom identity the customer has, and each connector takes the one it needs.
 */
export const wecomMessageSchema = z
  .object({
    /** The customer's WeCom user id (the `wecomUserId` profile attribute). */
    toUserId: wecomUserIdSchema.optional(),
    /** The customer as an external contact (the `wecomExternalUserId` profile attribute). */
    externalUserId: wecomExternalUserIdSchema.optional(),
    /** The WeCom user id of the relationship manager the customer is a contact of (`rmWecomUserId`). */
    sender: wecomUserIdSchema.optional(),
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
  })
  .refine(
    (m) => m.toUserId !== undefined || (m.externalUserId !== undefined && m.sender !== undefined),
    'a WeCom user id, or an external userid with the relationship manager who sends to it',
  );
/** One WeCom message to one customer, as an application message or through their relationship manager. */
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

/**
 * One mailbox as a bank keeps it: an ASCII local part and a domain that may be internationalised
 * (中文域名, sent as punycode). Lower-case, since every mail provider a bank's customers use treats
 * addresses case-insensitively; the customer store lower-cases addresses with the same rule.
 */
export const emailAddressPattern =
  /^(?!\.)(?!.*\.\.)[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}(?<!\.)@(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u;

export const emailAddressSchema = z
  .string()
  .max(254)
  .regex(emailAddressPattern, 'a lower-case e-mail address such as name@bank.example');

/** Header text on one line: a CR or LF in a subject would let a script write its own headers. */
const oneLine = (text: string) => !/[\r\n]/.test(text);

export const emailMessageSchema = z.object({
  /** Recipient address, decrypted from the customer's profile at the last moment. */
  to: emailAddressSchema,
  /** The rendered subject; any Unicode, encoded for the wire by the connector. */
  subject: z.string().min(1).max(300).refine(oneLine, 'a subject on one line'),
  /** The plain-text body, always present: mail clients that do not show HTML show this. */
  text: z.string().min(1).max(100_000),
  /** The HTML body (values escaped when the template was rendered), shown by most mail clients. */
  html: z.string().min(1).max(500_000).optional(),
});
/** One e-mail to one customer. */
export type EmailMessage = z.infer<typeof emailMessageSchema>;

/** The message type each channel's connectors accept. */
export interface ChannelMessages {
  sms: SmsMessage;
  webhook: WebhookMessage;
  wecom: WeComMessage;
  push: PushMessage;
  email: EmailMessage;
}

/** Runtime schema of each channel's message; used to check rendered output. */
export const channelMessageSchemas = {
  sms: smsMessageSchema,
  wecom: wecomMessageSchema,
  push: pushMessageSchema,
  email: emailMessageSchema,
  webhook: webhookMessageSchema,
} as const satisfies Record<ConnectorChannel, z.ZodType>;
