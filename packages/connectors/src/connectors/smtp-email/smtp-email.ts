import { z } from 'zod';
import type { EmailMessage } from '../../sdk/channel-messages.ts';
import {
  type CheckResult,
  defineConnector,
  type OutgoingMessage,
  type SendOutcome,
  type SendReceipt,
} from '../../sdk/define-connector.ts';
import { type ConnectorSendError, isConnectorSendError, UnknownOutcomeError } from '../../sdk/errors.ts';
import { errorForSmtp, withoutAddress } from './answers.ts';
import { composeMessage, type EmailSender, messageIdFor } from './compose-message.ts';
import {
  openSmtpSession,
  SmtpFailure,
  type SmtpSession,
  type SmtpSettings,
  smtpPort,
} from './smtp-session.ts';

const credentials = z
  .object({
    /** The bank's mail relay, e.g. `smtp.bank.example` (often on the bank's own network). */
    host: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or IP address such as smtp.bank.example'),
    /** 465 for `tls`, 587 for `starttls` and 25 for `none` unless given. */
    port: z.number().int().min(1).max(65_535).optional(),
    /**
     * `tls`: TLS from the first byte (port 465); `starttls`: STARTTLS is required, a server that
     * does not offer it is refused (port 587); `none`: never encrypt, only for a relay on a
     * trusted network or the local sandbox.
     */
    security: z.enum(['tls', 'starttls', 'none']).default('starttls'),
    user: z.string().min(1).max(320).optional(),
    password: z.string().min(1).max(1024).optional(),
    /** The sender address, e.g. `noreply@bank.example`. */
    fromAddress: z.email('the sender address, such as noreply@bank.example'),
    /** The sender's display name, e.g. `示例银行`. */
    fromName: z.string().min(1).max(100).optional(),
    replyTo: z.email().optional(),
    /** PEM of the CA that signed the relay's certificate, for a relay with an internal certificate. */
    caCertificate: z.string().includes('-----BEGIN CERTIFICATE-----').optional(),
    /** The name this side gives in EHLO (the machine's host name unless given). */
    heloName: z.string().min(1).max(253).optional(),
    /** Deadline for opening a session and for each message. */
    timeoutMs: z.number().int().min(100).max(120_000).default(30_000),
  })
  .refine((c) => (c.user === undefined) === (c.password === undefined), {
    path: ['password'],
    message: 'give both user and password, or neither',
  });
export type SmtpEmailCredentials = z.output<typeof credentials>;

/** Messages sent over one SMTP connection before it is closed and a new one opened. */
const maxPerSession = 20;

function settingsOf(c: SmtpEmailCredentials): SmtpSettings {
  return { ...c, port: smtpPort(c.security, c.port) };
}

/** The send error for what was thrown; `recipient` is hidden wherever the server quoted it. */
function asSendError(error: unknown, recipient?: string): ConnectorSendError {
  if (error instanceof SmtpFailure) return errorForSmtp(error, recipient);
  if (isConnectorSendError(error)) return error;
  return new UnknownOutcomeError('connector-crashed', `The e-mail could not be sent: ${String(error)}`, {
    cause: error,
  });
}

/** Composes one message and sends it on an open session. */
async function sendOn(
  session: SmtpSession,
  item: OutgoingMessage<EmailMessage>,
  sender: EmailSender,
  signal: AbortSignal,
): Promise<SendReceipt> {
  const messageId = messageIdFor(item.idempotencyKey, sender.fromAddress);
  const raw = await composeMessage(item.message, sender, messageId, new Date());
  const reply = await session.send({ from: sender.fromAddress, to: item.message.to }, raw, signal);
  // The Message-ID we set is the id a bounce or a recipient's complaint will quote.
  const serverReply = withoutAddress(item.message.to)(reply).slice(0, 200);
  return { providerMessageId: messageId, status: 'sent', detail: { serverReply } };
}

/** E-mail through any SMTP relay: STARTTLS or TLS, optional login, several messages per connection. */
export const smtpEmail = defineConnector({
  id: 'smtp-email',
  channel: 'email',
  label: 'SMTP e-mail',
  description:
    'Sends e-mail through the bank’s SMTP relay (TLS or STARTTLS, optional login); one Message-ID per message, kept across retries.',
  credentials,
  maxBatchSize: maxPerSession,

  async send({ message, credentials: c, idempotencyKey, signal }) {
    let session: SmtpSession | undefined;
    try {
      session = await openSmtpSession(settingsOf(c), signal);
      return await sendOn(session, { message, idempotencyKey }, c, signal);
    } catch (error) {
      throw asSendError(error, message.to);
    } finally {
      session?.close();
    }
  },

  async sendBatch({ items, credentials: c, signal }) {
    const outcomes: SendOutcome[] = [];
    let session: SmtpSession | undefined;
    try {
      for (const [index, item] of items.entries()) {
        if (!session?.reusable) {
          session?.close();
          session = undefined;
          try {
            session = await openSmtpSession(settingsOf(c), signal);
          } catch (error) {
            // Nothing of the rest left this process: each gets the same (transient or login) error.
            const failure = asSendError(error);
            for (const rest of items.slice(index))
              outcomes.push({ idempotencyKey: rest.idempotencyKey, ok: false, error: failure });
            break;
          }
        }
        try {
          const receipt = await sendOn(session, item, c, signal);
          outcomes.push({ idempotencyKey: item.idempotencyKey, ok: true, receipt });
        } catch (error) {
          outcomes.push({
            idempotencyKey: item.idempotencyKey,
            ok: false,
            error: asSendError(error, item.message.to),
          });
        }
      }
    } finally {
      session?.close();
    }
    return outcomes;
  },

  async check({ credentials: c, signal }): Promise<CheckResult> {
    const settings = settingsOf(c);
    const started = performance.now();
    try {
      const session = await openSmtpSession(settings, signal);
      session.close();
      const ms = Math.round(performance.now() - started);
      const how = settings.security === 'none' ? 'unencrypted' : 'over TLS';
      const login = c.user ? `, logged in as ${c.user}` : '';
      return {
        ok: true,
        message: `The mail server ${settings.host}:${settings.port} answered in ${ms} ms (${how}${login})`,
      };
    } catch (error) {
      return { ok: false, message: asSendError(error).message };
    }
  },
});
