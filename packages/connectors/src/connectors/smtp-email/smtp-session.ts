import { Readable } from 'node:stream';
import type { NodemailerError } from 'nodemailer/lib/errors';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

/** How to reach and talk to one mail server. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** `tls`: TLS from the first byte; `starttls`: plain, then STARTTLS (required); `none`: never encrypt. */
  security: 'tls' | 'starttls' | 'none';
  user?: string | undefined;
  password?: string | undefined;
  /** PEM of the CA that signed the server's certificate, when it is not a public one. */
  caCertificate?: string | undefined;
  /** The name this side gives in EHLO. */
  heloName?: string | undefined;
  /** Deadline of each step: opening the session (connect, EHLO, TLS, AUTH), and each message. */
  timeoutMs: number;
}

/**
 * An SMTP exchange that failed, and whether the message had been handed over in full when it did.
 * A server accepts a message only by answering its end-of-data line, so before that nothing can
 * have been taken; after it, a lost answer leaves the outcome unknown.
 */
export class SmtpFailure extends Error {
  readonly smtp: NodemailerError;
  readonly bodySent: boolean;

  constructor(error: NodemailerError, bodySent: boolean) {
    super(error.message, { cause: error });
    this.name = 'SmtpFailure';
    this.smtp = error;
    this.bodySent = bodySent;
  }
}

/** One open connection to the mail server, on which messages go one transaction at a time. */
export interface SmtpSession {
  /** Sends one message; resolves with the server's acceptance line, or rejects with `SmtpFailure`. */
  send(envelope: { from: string; to: string }, raw: Buffer, signal: AbortSignal): Promise<string>;
  /** Whether another message may follow on this connection (the last one was refused cleanly, or sent). */
  readonly reusable: boolean;
  /** Says QUIT and closes. */
  close(): void;
}

const defaultPorts = { tls: 465, starttls: 587, none: 25 } as const;

/** The port to use when the settings name none. */
export function smtpPort(security: SmtpSettings['security'], port: number | undefined): number {
  return port ?? defaultPorts[security];
}

/**
 * Connects, greets (EHLO), upgrades to TLS as configured and logs in. Built on nodemailer's
 * SMTPConnection rather than its transport so that every failure keeps the stage it happened at.
 */
export function openSmtpSession(settings: SmtpSettings, signal: AbortSignal): Promise<SmtpSession> {
  const connection = new SMTPConnection({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    name: settings.heloName,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
    socketCloseTimeout: 0,
    logger: false,
    tls: {
      minVersion: 'TLSv1.2',
      ...(settings.caCertificate ? { ca: settings.caCertificate } : {}),
    },
  });
  // Errors also reach the callbacks; without a listener an 'error' event would crash the process.
  connection.on('error', () => undefined);
  let reusable = true;

  let onOpenError: ((error: NodemailerError) => void) | undefined;
  const opened = step<void>(settings.timeoutMs, signal, connection, (done) => {
    // Connection failures arrive as 'error' events, not through the connect callback.
    onOpenError = (error) => done(error);
    connection.once('error', onOpenError);
    connection.connect((error) => {
      if (error) return done(error);
      if (!settings.user) return done();
      connection.login({ user: settings.user, pass: settings.password ?? '' }, (loginError) =>
        done(loginError ?? undefined),
      );
    });
  }).finally(() => {
    if (onOpenError) connection.off('error', onOpenError);
  });

  const session: SmtpSession = {
    get reusable() {
      return reusable && !connection.destroyed;
    },
    async send(envelope, raw, sendSignal) {
      let bodySent = false;
      const body = Readable.from([raw], { objectMode: false });
      body.once('end', () => {
        bodySent = true;
      });
      try {
        const info = await step<string>(settings.timeoutMs, sendSignal, connection, (done) =>
          connection.send(envelope, body, (error, result) => done(error ?? undefined, result?.response)),
        );
        return info ?? '';
      } catch (error) {
        const smtp = error as NodemailerError;
        // A refused envelope or message leaves the connection usable once the transaction is reset.
        reusable = (smtp.code === 'EENVELOPE' || smtp.code === 'EMESSAGE') && smtp.responseCode !== 421;
        if (reusable) await resetQuietly(connection, settings.timeoutMs).catch(() => (reusable = false));
        throw new SmtpFailure(smtp, bodySent);
      }
    },
    close() {
      reusable = false;
      if (connection.destroyed) return;
      connection.quit();
      // QUIT is polite; the socket goes now either way, so a hanging server cannot hold a worker.
      setTimeout(() => connection.close(), 200).unref();
    },
  };

  return opened.then(
    () => session,
    (error: NodemailerError) => {
      connection.close();
      throw new SmtpFailure(error, false);
    },
  );
}

/**
 * Runs one nodemailer operation under a deadline and an abort signal: whichever comes first
 * closes the connection and fails the step with a timeout or abort error of nodemailer's shape.
 */
function step<T>(
  timeoutMs: number,
  signal: AbortSignal,
  connection: SMTPConnection,
  run: (done: (error?: NodemailerError, value?: T) => void) => void,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error?: NodemailerError, value?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(value);
    };
    const stop = (code: string, message: string) => {
      const error: NodemailerError = Object.assign(new Error(message), { code });
      finish(error);
      connection.close();
    };
    const timer = setTimeout(() => stop('ETIMEDOUT', `No answer within ${timeoutMs} ms`), timeoutMs);
    const onAbort = () => stop('EABORT', 'The send was cancelled');
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    run(finish);
  });
}

function resetQuietly(connection: SMTPConnection, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('RSET timed out')), timeoutMs);
    connection.reset((error) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    });
  });
}
