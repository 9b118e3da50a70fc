import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { EmailMessage } from '../../sdk/channel-messages.ts';

/** Who the bank's e-mails come from. */
export interface EmailSender {
  fromAddress: string;
  /** Display name, e.g. 示例银行 (encoded for the header by the composer). */
  fromName?: string | undefined;
  replyTo?: string | undefined;
}

/**
 * The Message-ID of the message with this idempotency key: a hash of the key (the engine's keys
 * name enrollments and nodes, which recipients need not see) at the sender's domain. A retry
 * carries the same Message-ID, so a mail system that sees a message twice can tell.
 */
export function messageIdFor(idempotencyKey: string, fromAddress: string): string {
  const domain = domainToASCII(fromAddress.slice(fromAddress.lastIndexOf('@') + 1)) || 'waymark.invalid';
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);
  return `<${digest}@${domain}>`;
}

/**
 * The whole message as it goes over the wire (RFC 5322 with MIME): UTF-8 subject and display
 * name as encoded words, a plain-text part and, when given, an HTML alternative. Content is only
 * ever the given strings: file and URL access of the composer are switched off.
 */
export function composeMessage(
  message: EmailMessage,
  sender: EmailSender,
  messageId: string,
  date: Date,
): Promise<Buffer> {
  const composer = new MailComposer({
    from: sender.fromName ? { name: sender.fromName, address: sender.fromAddress } : sender.fromAddress,
    ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
    to: message.to,
    subject: message.subject,
    messageId,
    date,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    disableFileAccess: true,
    disableUrlAccess: true,
    xMailer: false,
  });
  return composer.compile().build();
}
