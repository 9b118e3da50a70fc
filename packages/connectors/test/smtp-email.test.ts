import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bindConnector,
  type ConnectorClient,
  ConnectorConfigError,
  type EmailMessage,
  messageIdFor,
  PermanentSendError,
  smtpEmail,
  TransientSendError,
  UnknownOutcomeError,
} from '../src/index.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../src/testing/index.ts';

let server: TestSmtpServer;
let client: ConnectorClient<'email'>;
const signal = new AbortController().signal;
const email = (to: string, subject = '您的定期存款即将到期'): EmailMessage => ({
  to,
  subject,
  text: '尊敬的王秀英：\n您的定期存款 ¥50,000.00 将于 12 月 1 日到期，可续存或转购理财。',
  html: '<p>尊敬的王秀英：</p><p>您的定期存款 <b>¥50,000.00</b> 将于 12 月 1 日到期。</p>',
});

beforeAll(async () => {
  server = await startTestSmtpServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.behave({ kind: 'accept' });
  client = bindConnector(smtpEmail, server.credentials({ timeoutMs: 1500 })) as ConnectorClient<'email'>;
});

describe('smtp-email connector', () => {
  it('delivers a Chinese subject and body intact over STARTTLS with a login, Message-ID from the key', async () => {
    const receipt = await client.send(
      { message: email('wang.xiuying@example.cn'), idempotencyKey: 'k-zh-1' },
      signal,
    );
    expect(receipt.status).toBe('sent');
    expect(receipt.providerMessageId).toBe(messageIdFor('k-zh-1', 'noreply@bank.example'));
    expect(receipt.providerMessageId).toMatch(/^<[0-9a-f]{40}@bank\.example>$/);
    expect(receipt.detail?.serverReply).toMatch(/^250 .*queued as smtp-\d+/);

    const got = server.received().find((m) => m.messageId === receipt.providerMessageId);
    expect(got).toBeDefined();
    expect(got?.subject).toBe('您的定期存款即将到期');
    expect(got?.from).toBe('示例银行 <noreply@bank.example>');
    expect(got?.rcptTo).toEqual(['wang.xiuying@example.cn']);
    expect(got?.mailFrom).toBe('noreply@bank.example');
    expect(got?.text).toBe(email('x@y.cn').text);
    expect(got?.html).toBe(email('x@y.cn').html);
    // Headers travel as 7-bit: the UTF-8 subject is an encoded word, never raw bytes.
    expect(got?.raw.split('\r\n\r\n')[0]).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(server.handedOver(receipt.providerMessageId)).toBe(1);
  });

  it('carries the same Message-ID when the same key is sent again', async () => {
    const first = await client.send(
      { message: email('retry@example.cn'), idempotencyKey: 'k-again' },
      signal,
    );
    const second = await client.send(
      { message: email('retry@example.cn'), idempotencyKey: 'k-again' },
      signal,
    );
    expect(second.providerMessageId).toBe(first.providerMessageId);
    expect(server.handedOver(first.providerMessageId)).toBe(2);
  });

  it('reports a 4xx answer as transient, at RCPT TO and after the data', async () => {
    server.behave({ kind: 'reply', code: 450, message: 'Mailbox busy, try later', at: 'rcpt' }, 1);
    const busy = await client
      .send({ message: email('busy@example.cn'), idempotencyKey: 'k-450' }, signal)
      .catch((e) => e);
    expect(busy).toBeInstanceOf(TransientSendError);
    expect(busy.code).toBe('server-deferred');
    expect(busy.detail).toMatchObject({ smtpCode: 450, command: 'RCPT TO' });
    expect(busy.message).toContain('Mailbox busy, try later');

    server.behave({ kind: 'reply', code: 451, message: 'Local error in processing', at: 'data' }, 1);
    const later = await client
      .send({ message: email('later@example.cn'), idempotencyKey: 'k-451' }, signal)
      .catch((e) => e);
    expect(later).toBeInstanceOf(TransientSendError);
    expect(later.detail).toMatchObject({ smtpCode: 451, command: 'DATA' });
    expect(server.handedOver(messageIdFor('k-451', 'noreply@bank.example'))).toBe(1);
    expect(server.received().some((m) => m.messageId === messageIdFor('k-451', 'noreply@bank.example'))).toBe(
      false,
    );
  });

  it('reports 550 mailbox unavailable as permanent, with the server’s text', async () => {
    server.rejectMailboxes(['nobody@example.cn']);
    const error = await client
      .send({ message: email('nobody@example.cn'), idempotencyKey: 'k-550' }, signal)
      .catch((e) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect(error.code).toBe('recipient-refused');
    expect(error.message).toContain('550');
    expect(error.message).toContain('<n***@example.cn>: Mailbox unavailable: no such user here');
    expect(error.detail).toMatchObject({ smtpCode: 550, command: 'RCPT TO' });
    // The server quoted the address; the reason and detail stored with the message do not.
    expect(JSON.stringify([error.message, error.detail])).not.toContain('nobody@example.cn');

    server.behave({ kind: 'reply', code: 554, message: 'Message refused as spam', at: 'data' }, 1);
    const spam = await client
      .send({ message: email('spam@example.cn'), idempotencyKey: 'k-554' }, signal)
      .catch((e) => e);
    expect(spam).toBeInstanceOf(PermanentSendError);
    expect(spam.code).toBe('message-refused');
  });

  it('treats a server that takes the data and never answers as an unknown outcome', async () => {
    server.behave({ kind: 'hang-after-data' }, 1);
    const error = await client
      .send({ message: email('hang@example.cn'), idempotencyKey: 'k-hang' }, signal)
      .catch((e) => e);
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect(error.code).toBe('answer-lost');
    expect(server.handedOver(messageIdFor('k-hang', 'noreply@bank.example'))).toBe(1);
  });

  it('treats a refused connection, and a server that never greets, as transient', async () => {
    const closed = await startTestSmtpServer();
    const port = closed.port;
    await closed.close();
    const offline = bindConnector(smtpEmail, server.credentials({ port, timeoutMs: 1000 }));
    const refused = await offline
      .send({ message: email('a@example.cn'), idempotencyKey: 'k-refused' }, signal)
      .catch((e) => e);
    expect(refused).toBeInstanceOf(TransientSendError);
    expect(refused.code).toBe('provider-unreachable');

    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const mute = bindConnector(
        smtpEmail,
        server.credentials({ port: (silent.address() as net.AddressInfo).port, timeoutMs: 300 }),
      );
      const timeout = await mute
        .send({ message: email('a@example.cn'), idempotencyKey: 'k-mute' }, signal)
        .catch((e) => e);
      expect(timeout).toBeInstanceOf(TransientSendError);
      expect((await mute.check(signal)).ok).toBe(false);
    } finally {
      silent.close();
    }
  });

  it('refuses a wrong password for good, and its health check says so', async () => {
    const wrong = bindConnector(smtpEmail, server.credentials({ password: 'not-the-password' }));
    const error = await wrong
      .send({ message: email('a@example.cn'), idempotencyKey: 'k-535' }, signal)
      .catch((e) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect(error.code).toBe('auth-failed');
    expect((await wrong.check(signal)).ok).toBe(false);
    const ok = await client.check(signal);
    expect(ok.ok).toBe(true);
    expect(ok.message).toMatch(/answered in \d+ ms \(over TLS, logged in as waymark\)/);
  });

  it('refuses for good a server whose certificate it does not trust, saying it is the certificate', async () => {
    // The test server's certificate is self-signed: without its CA the client must not trust it.
    const strict = bindConnector(smtpEmail, server.credentials({ caCertificate: undefined }));
    const before = server.stats();
    const error = await strict
      .send({ message: email('a@example.cn'), idempotencyKey: 'k-untrusted' }, signal)
      .catch((e) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect(error.code).toBe('certificate-rejected');
    expect(error.message).toMatch(/TLS certificate is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    expect(server.stats().handedOver).toBe(before.handedOver);
    expect((await strict.check(signal)).ok).toBe(false);
  });

  it('sends a batch over few connections; a refused address does not stop the others', async () => {
    const before = server.stats();
    server.rejectMailboxes(['refused-7@example.cn']);
    const items = Array.from({ length: 25 }, (_, i) => ({
      message: email(i === 7 ? 'refused-7@example.cn' : `batch-${i}@example.cn`, `批量邮件 ${i}`),
      idempotencyKey: `k-batch-${i}`,
    }));
    const outcomes = await client.sendMany(items, signal);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(24);
    const refused = outcomes[7];
    expect(refused?.ok === false && refused.error.code).toBe('recipient-refused');
    const after = server.stats();
    expect(after.connections - before.connections).toBe(2);
    expect(after.accepted - before.accepted).toBe(24);
    for (let i = 0; i < 25; i++) {
      if (i === 7) continue;
      const id = messageIdFor(`k-batch-${i}`, 'noreply@bank.example');
      expect(server.received().find((m) => m.messageId === id)?.subject).toBe(`批量邮件 ${i}`);
    }
  });

  it('speaks plain SMTP when told to (a trusted relay or the sandbox)', async () => {
    const plain = bindConnector(
      smtpEmail,
      server.credentials({ security: 'none', caCertificate: undefined }),
    );
    const receipt = await plain.send(
      { message: email('plain@example.cn'), idempotencyKey: 'k-plain' },
      signal,
    );
    expect(server.handedOver(receipt.providerMessageId)).toBe(1);
  });

  it('rejects credentials that do not match the schema, naming every field', () => {
    try {
      bindConnector(smtpEmail, { host: 'smtp bank', fromAddress: 'not-an-address', user: 'only-user' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConnectorConfigError);
      expect((error as ConnectorConfigError).issues.map((i) => i.split(':')[0])).toEqual([
        'host',
        'fromAddress',
        'password',
      ]);
    }
    expect(() => bindConnector(smtpEmail, server.credentials({ password: undefined }))).toThrow(/password/);
  });
});
