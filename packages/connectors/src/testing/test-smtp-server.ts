import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { type ReadEmail, readMime } from './read-mime.ts';
import { testTlsCertificate, testTlsKey } from './test-tls-certificate.ts';
import { createCountWaiter } from './wait-for-count.ts';

/** A message the server accepted (answered 250 to its end of data). */
export interface ReceivedEmail extends ReadEmail {
  /** The queue id the server answered with, e.g. `smtp-3`. */
  id: string;
  /** Envelope sender (MAIL FROM). */
  mailFrom: string;
  /** Envelope recipients (RCPT TO). */
  rcptTo: string[];
  raw: string;
  at: Date;
}

/** What the server does with the next transactions instead of accepting them. */
export type SmtpBehaviour =
  | { kind: 'accept' }
  /** Answer `code` (4xx: try later; 5xx: refused) to RCPT TO, or to the end of the message's data. */
  | { kind: 'reply'; code: number; message?: string; at: 'rcpt' | 'data' }
  /** Read the whole message, then never answer (the client times out after handing it over). */
  | { kind: 'hang-after-data' };

export interface TestSmtpServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Credentials of the `smtp-email` connector that reach this server (STARTTLS with its test CA, login). */
  credentials(overrides?: Record<string, unknown>): Record<string, unknown>;
  /** Sets what happens to the next `times` transactions (or to all of them when `times` is omitted). */
  behave(behaviour: SmtpBehaviour, times?: number): void;
  /** Addresses answered `550 5.1.1 Mailbox unavailable` at RCPT TO. */
  rejectMailboxes(addresses: Iterable<string>): void;
  /** Messages accepted, in arrival order. */
  received(): ReceivedEmail[];
  readonly receivedCount: number;
  /** How often a message with this Message-ID was handed over in full (accepted, refused or left unanswered). */
  handedOver(messageId: string): number;
  /** Message-IDs handed over more than once: a correct client resends only what was not taken. */
  messageIdsHandedOverMoreThanOnce(): string[];
  stats(): { connections: number; transactions: number; handedOver: number; accepted: number };
  waitForReceived(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestSmtpServerOptions {
  port?: number;
  user?: string;
  password?: string;
  /** Told about every message accepted (the demo sandbox keeps them). */
  onMessage?: (message: ReceivedEmail) => void;
  /** How many accepted messages `received()` remembers (all unless given; a long-running sandbox bounds it). */
  remember?: number;
}

/**
 * A real SMTP server on a local port (nodemailer's smtp-server) for tests and the demo sandbox:
 * EHLO, STARTTLS with a test certificate, AUTH PLAIN/LOGIN, size limit, and on demand 4xx/5xx
 * answers or silence after the data. It parses what it accepts, so a test checks the subject and
 * body a mail client would show, and it counts hand-overs per Message-ID from its own side.
 */
export async function startTestSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const user = options.user ?? 'waymark';
  const password = options.password ?? 'test-smtp-password';
  const remember = options.remember ?? Number.POSITIVE_INFINITY;
  const rules: { behaviour: SmtpBehaviour; remaining: number }[] = [];
  let fallback: SmtpBehaviour = { kind: 'accept' };
  const current = new Map<string, SmtpBehaviour>();
  const rejected = new Set<string>();
  const accepted: ReceivedEmail[] = [];
  const handOvers = new Map<string, number>();
  const totals = { connections: 0, transactions: 0, handedOver: 0, accepted: 0 };
  const waiter = createCountWaiter('the SMTP server', () => totals.accepted);
  let nextId = 1;

  const nextBehaviour = (): SmtpBehaviour => {
    const rule = rules[0];
    if (!rule) return fallback;
    rule.remaining -= 1;
    if (rule.remaining <= 0) rules.shift();
    return rule.behaviour;
  };
  const replyError = (code: number, message: string) =>
    Object.assign(new Error(message), { responseCode: code });
  const behaviourOf = (session: SMTPServerSession) => current.get(session.id) ?? fallback;

  const server = new SMTPServer({
    name: 'smtp.waymark.test',
    banner: 'Waymark test SMTP server',
    key: testTlsKey,
    cert: testTlsCertificate,
    authMethods: ['PLAIN', 'LOGIN'],
    // The demo sandbox speaks plain SMTP on loopback; tests use STARTTLS.
    allowInsecureAuth: true,
    size: 10 * 1024 * 1024,
    disableReverseLookup: true,
    closeTimeout: 100,
    logger: false,
    onConnect(_session, callback) {
      totals.connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) return callback(null, { user });
      return callback(replyError(535, 'Authentication credentials invalid'));
    },
    onMailFrom(_address, session, callback) {
      totals.transactions += 1;
      current.set(session.id, nextBehaviour());
      callback();
    },
    onRcptTo(address, session, callback) {
      const behaviour = behaviourOf(session);
      if (behaviour.kind === 'reply' && behaviour.at === 'rcpt') {
        return callback(replyError(behaviour.code, behaviour.message ?? `Simulated ${behaviour.code}`));
      }
      if (rejected.has(address.address.toLowerCase())) {
        // Quoting the address, as Postfix does: a client must not store it in clear from here.
        return callback(replyError(550, `<${address.address}>: Mailbox unavailable: no such user here`));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const read = readMime(raw);
        totals.handedOver += 1;
        handOvers.set(read.messageId, (handOvers.get(read.messageId) ?? 0) + 1);
        if (handOvers.size > remember * 10) handOvers.delete(handOvers.keys().next().value as string);
        const behaviour = behaviourOf(session);
        current.delete(session.id);
        if (behaviour.kind === 'hang-after-data') return;
        if (behaviour.kind === 'reply' && behaviour.at === 'data') {
          return callback(replyError(behaviour.code, behaviour.message ?? `Simulated ${behaviour.code}`));
        }
        const message: ReceivedEmail = {
          ...read,
          id: `smtp-${nextId++}`,
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          at: new Date(),
        };
        accepted.push(message);
        if (accepted.length > remember) accepted.shift();
        totals.accepted += 1;
        options.onMessage?.(message);
        waiter.bump();
        callback(null, `Ok: queued as ${message.id}`);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    credentials: (overrides = {}) => ({
      host: '127.0.0.1',
      port,
      security: 'starttls',
      caCertificate: testTlsCertificate,
      user,
      password,
      fromAddress: 'noreply@bank.example',
      fromName: '示例银行',
      ...overrides,
    }),
    behave(behaviour, times) {
      if (times === undefined) fallback = behaviour;
      else rules.push({ behaviour, remaining: times });
    },
    rejectMailboxes(addresses) {
      for (const a of addresses) rejected.add(a.toLowerCase());
    },
    received: () => [...accepted],
    get receivedCount() {
      return totals.accepted;
    },
    handedOver: (messageId) => handOvers.get(messageId) ?? 0,
    messageIdsHandedOverMoreThanOnce: () => [...handOvers].filter(([, n]) => n > 1).map(([id]) => id),
    stats: () => ({ ...totals }),
    waitForReceived: (count, timeoutMs) => waiter.waitFor(count, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        // Hung transactions would hold close() for closeTimeout; they are ours to drop.
        for (const connection of server.connections) connection.close();
        server.close(() => resolve());
      }),
  };
}
