import type { NodemailerError } from 'nodemailer/lib/errors';
import {
  type ConnectorSendError,
  PermanentSendError,
  TransientSendError,
  UnknownOutcomeError,
} from '../../sdk/errors.ts';
import type { SmtpFailure } from './smtp-session.ts';

/**
 * Hides the customer's address in text that is stored with the message: mail servers quote it in
 * their refusals ("550 5.1.1 <wang@example.cn>: Recipient address rejected"), and message reasons
 * are not encrypted. `wang@example.cn` becomes `w***@example.cn`, as customer lists show it.
 */
export function withoutAddress(recipient: string | undefined): (text: string) => string {
  if (!recipient) return (text) => text;
  const at = recipient.lastIndexOf('@');
  const masked = `${recipient.charAt(0)}***${recipient.slice(at)}`;
  const pattern = new RegExp(recipient.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  return (text) => text.replace(pattern, masked);
}

/** The part of a mail-server reply worth recording: code, enhanced status and text. */
function replyDetail(error: NodemailerError, redact: (text: string) => string): Record<string, unknown> {
  const response = redact(error.response?.trim() ?? '');
  const enhanced = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})\b/.exec(response)?.[1];
  return {
    smtpCode: error.responseCode,
    ...(enhanced ? { enhancedCode: enhanced } : {}),
    ...(error.command ? { command: error.command } : {}),
    response: response.slice(0, 300),
  };
}

/** What a refusal is about, by the command the server refused. */
function refusedCode(error: NodemailerError): { code: string; what: string } {
  const command = error.command ?? '';
  if (command.startsWith('AUTH')) return { code: 'auth-failed', what: 'the login' };
  if (command === 'RCPT TO') return { code: 'recipient-refused', what: 'the recipient' };
  if (command === 'MAIL FROM') return { code: 'sender-refused', what: 'the sender' };
  if (command === 'DATA') return { code: 'message-refused', what: 'the message' };
  return { code: 'server-refused', what: 'the connection' };
}

/** Node's codes for a server certificate that failed verification (expired, unknown issuer, wrong name…). */
const untrustedCertificate = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Maps a failed SMTP exchange to the send error that tells the engine what to do:
 *
 * - a 4xx reply (greylisting, mailbox busy, 421 going down) is transient: the server took nothing;
 * - a 5xx reply (550 mailbox unavailable, 554 refused, 535 bad login) is permanent, with its text;
 * - a certificate the connection does not trust is permanent, like a bad login: no retry fixes it,
 *   and the planner should learn it is the relay's certificate, not the network;
 * - no reply before the message body left (refused, unreachable, timeout) is transient;
 * - no reply after the body left is unknown: the server may have queued the message.
 */
export function errorForSmtp(failure: SmtpFailure, recipient?: string): ConnectorSendError {
  const error = failure.smtp;
  const redact = withoutAddress(recipient);
  const reply = error.responseCode;
  if (typeof reply === 'number' && reply >= 400) {
    const detail = replyDetail(error, redact);
    const text = String(detail.response);
    // nodemailer marks 503 (bad sequence) as worth another try; so do we.
    if (reply < 500 || error.permanent === false) {
      return new TransientSendError('server-deferred', `The mail server asked to try again later: ${text}`, {
        detail,
        cause: error,
      });
    }
    const refused = refusedCode(error);
    return new PermanentSendError(refused.code, `The mail server refused ${refused.what}: ${text}`, {
      detail,
      cause: error,
    });
  }
  const network = { network: error.code, ...(error.originalCode ? { system: error.originalCode } : {}) };
  const said = redact(error.message);
  if (failure.bodySent) {
    return new UnknownOutcomeError(
      'answer-lost',
      `The mail server did not confirm the message it was given: ${said}`,
      { detail: network, cause: error },
    );
  }
  if (error.code === 'ETLS' || (error.originalCode && untrustedCertificate.has(error.originalCode))) {
    return new PermanentSendError(
      'certificate-rejected',
      `The mail server's TLS certificate is not trusted (${error.originalCode ?? error.code}): ${said}. Give the connector the CA certificate that signed it, or renew the server's certificate.`,
      { detail: network, cause: error },
    );
  }
  switch (error.code) {
    case 'EAUTH':
    case 'ENOAUTH':
      return new PermanentSendError('auth-failed', `The mail server login failed: ${said}`, {
        detail: network,
        cause: error,
      });
    case 'EENVELOPE':
      return new PermanentSendError('invalid-recipient', `The address cannot be sent to: ${said}`, {
        detail: network,
        cause: error,
      });
    case 'EMESSAGE':
      return new PermanentSendError('message-refused', `The message cannot be sent: ${said}`, {
        detail: network,
        cause: error,
      });
    default:
      return new TransientSendError('provider-unreachable', `Could not reach the mail server: ${said}`, {
        detail: network,
        cause: error,
      });
  }
}
