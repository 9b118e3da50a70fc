import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bindConnector,
  type ConnectorClient,
  ConnectorConfigError,
  httpSmsGateway,
  PermanentSendError,
  type SmsMessage,
  TransientSendError,
  UnknownOutcomeError,
} from '../src/index.ts';
import { startTestSmsGateway, type TestSmsGateway } from '../src/testing/index.ts';

let gateway: TestSmsGateway;
let client: ConnectorClient<'sms'>;
const signal = new AbortController().signal;
const sms = (to: string, text = '您好，您的定期存款即将到期'): SmsMessage => ({ to, text });

beforeAll(async () => {
  gateway = await startTestSmsGateway();
});
afterAll(() => gateway.close());
beforeEach(() => {
  gateway.behave({ kind: 'accept' });
  client = bindConnector(httpSmsGateway, {
    baseUrl: gateway.url,
    apiKey: gateway.apiKey,
    timeoutMs: 400,
  }) as ConnectorClient<'sms'>;
});

describe('http-sms-gateway connector', () => {
  it('sends one SMS with its idempotency key, and a repeated key sends nothing new', async () => {
    const first = await client.send({ message: sms('13800000001'), idempotencyKey: 'k-single-1' }, signal);
    const again = await client.send({ message: sms('13800000001'), idempotencyKey: 'k-single-1' }, signal);
    expect(first.providerMessageId).toMatch(/^gw-/);
    expect(again.providerMessageId).toBe(first.providerMessageId);
    expect(again.detail).toEqual({ duplicate: true });
    expect(gateway.requestsFor('k-single-1')).toBe(2);
    expect(gateway.accepted().filter((m) => m.idempotencyKey === 'k-single-1')).toHaveLength(1);
  });

  it('splits a large send into provider batches and reports refused numbers per message', async () => {
    const before = gateway.stats().batchSends;
    gateway.rejectNumbers(['13900000007']);
    const items = Array.from({ length: 250 }, (_, i) => ({
      message: sms(i === 7 ? '13900000007' : `139${String(i).padStart(8, '0')}`),
      idempotencyKey: `k-batch-${i}`,
    }));
    const outcomes = await client.sendMany(items, signal);
    expect(gateway.stats().batchSends - before).toBe(3);
    expect(outcomes).toHaveLength(250);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(249);
    const refused = outcomes[7];
    expect(refused?.ok).toBe(false);
    if (refused && !refused.ok) {
      expect(refused.error).toBeInstanceOf(PermanentSendError);
      expect(refused.error.code).toBe('invalid_recipient');
    }
  });

  it('reports an unavailable gateway as transient, with its Retry-After', async () => {
    gateway.behave({ kind: 'fail', status: 503, retryAfterSeconds: 7 }, 1);
    const error = await client
      .send({ message: sms('13800000002'), idempotencyKey: 'k-503' }, signal)
      .catch((e) => e);
    expect(error).toBeInstanceOf(TransientSendError);
    expect(error.code).toBe('provider-unavailable');
    expect(error.retryAfterMs).toBe(7000);
    expect(gateway.accepted().some((m) => m.idempotencyKey === 'k-503')).toBe(false);
  });

  it('reports a refused message and a refused API key as permanent', async () => {
    gateway.behave({ kind: 'fail', status: 400, code: 'content_blocked' }, 1);
    const refused = await client
      .send({ message: sms('13800000003'), idempotencyKey: 'k-400' }, signal)
      .catch((e) => e);
    expect(refused).toBeInstanceOf(PermanentSendError);
    expect(refused.code).toBe('content_blocked');

    const wrongKey = bindConnector(httpSmsGateway, { baseUrl: gateway.url, apiKey: 'not-the-right-key' });
    const auth = await wrongKey
      .send({ message: sms('13800000003'), idempotencyKey: 'k-401' }, signal)
      .catch((e) => e);
    expect(auth).toBeInstanceOf(PermanentSendError);
    expect(auth.code).toBe('auth-failed');
    expect((await wrongKey.check(signal)).ok).toBe(false);
    expect((await client.check(signal)).ok).toBe(true);
  });

  it('treats an unreadable answer as an unknown outcome that a lookup can settle', async () => {
    gateway.behave({ kind: 'garbage', accept: true }, 1);
    const error = await client
      .send({ message: sms('13800000004'), idempotencyKey: 'k-garbage' }, signal)
      .catch((e) => e);
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect(error.code).toBe('garbled-answer');
    const lookup = await client.lookup('k-garbage', signal);
    expect(lookup.found).toBe(true);
    expect((await client.lookup('k-never-sent', signal)).found).toBe(false);
  });

  it('treats a gateway that takes the message and never answers as an unknown outcome', async () => {
    gateway.behave({ kind: 'accept-then-hang' }, 1);
    const error = await client
      .send({ message: sms('13800000005'), idempotencyKey: 'k-hang' }, signal)
      .catch((e) => e);
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect(error.code).toBe('answer-lost');
    expect(gateway.requestsFor('k-hang')).toBe(1);
    expect((await client.lookup('k-hang', signal)).found).toBe(true);
  });

  it('waits for a slow gateway within the timeout', async () => {
    gateway.behave({ kind: 'accept', delayMs: 100 }, 1);
    const receipt = await client.send({ message: sms('13800000006'), idempotencyKey: 'k-slow' }, signal);
    expect(receipt.status).toBe('sent');
  });

  it('reports an unreachable gateway as transient (nothing left the building)', async () => {
    const closed = await startTestSmsGateway();
    const url = closed.url;
    await closed.close();
    const offline = bindConnector(httpSmsGateway, { baseUrl: url, apiKey: 'test-gateway-key' });
    const error = await offline
      .send({ message: sms('13800000008'), idempotencyKey: 'k-offline' }, signal)
      .catch((e) => e);
    expect(error).toBeInstanceOf(TransientSendError);
    expect(error.code).toBe('provider-unreachable');
  });

  it('rejects credentials that do not match the schema, naming every field', () => {
    expect(() => bindConnector(httpSmsGateway, { baseUrl: 'ftp://x', apiKey: 'short' })).toThrow(
      ConnectorConfigError,
    );
    try {
      bindConnector(httpSmsGateway, { baseUrl: 'ftp://x', apiKey: 'short' });
    } catch (error) {
      expect((error as ConnectorConfigError).issues.map((i) => i.split(':')[0])).toEqual([
        'baseUrl',
        'apiKey',
      ]);
    }
  });
});
