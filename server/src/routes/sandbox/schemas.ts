import { maskEmail } from '@waymark/db';
import { z } from 'zod';
import { type SandboxMessage, sandboxChannels } from '../../demo/sandbox/index.ts';

export const sandboxQuerySchema = z.object({
  channel: z.enum(sandboxChannels).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const sandboxMessageSchema = z
  .object({
    seq: z.number().int(),
    channel: z.enum(sandboxChannels),
    to: z
      .string()
      .describe(
        'Phone number or e-mail address (masked without PII access), WeCom user id, device token or customer id',
      ),
    title: z.string().nullable(),
    text: z.string().describe('The rendered script exactly as the provider received it'),
    providerMessageId: z.string(),
    receivedAt: z.date(),
  })
  .meta({ id: 'SandboxMessage' });

export const sandboxInboxSchema = z
  .object({
    running: z.boolean().describe('False outside the demo: no sandbox providers run, real providers send'),
    capacity: z.number().int().describe('How many of the latest messages are kept'),
    received: z.number().int().describe('Messages received since the server started'),
    items: z.array(sandboxMessageSchema).describe('Newest first'),
  })
  .meta({ id: 'SandboxInbox' });

/**
 * `13800138000` → `138****8000`, `c000001@example.cn` → `c***@example.cn`: the sandbox list
 * follows the customer list's PII rule.
 */
export function maskRecipient(message: SandboxMessage, showPii: boolean): SandboxMessage {
  if (showPii) return message;
  if (message.channel === 'email') {
    return {
      ...message,
      to: message.to
        .split(', ')
        .map((address) => maskEmail(address) ?? '***')
        .join(', '),
    };
  }
  if (message.channel !== 'sms') return message;
  const digits = message.to;
  const masked =
    digits.length <= 7
      ? '*'.repeat(digits.length)
      : `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  return { ...message, to: masked };
}
