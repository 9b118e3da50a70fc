import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bindConnector,
  type ConnectorClient,
  ConnectorConfigError,
  httpPushGateway,
  PermanentSendError,
  type PushMessage,
  TransientSendError,
  UnknownOutcomeError,
} from '../src/index.ts';
import { startTestPushGateway, type TestPushGateway } from '../src/testing/index.ts';

let gateway: TestPushGateway;
let client: ConnectorClient<'push'>;
const signal = new AbortController().signal;
const toCustomer = (customerId: string, body = '本周用卡消费满 100 元立减 20 元'): PushMessage => ({
  to: customerId,
  toType: 'customer',
  body,
});

beforeAll(async () => {
  gateway = await startTestPushGateway();
});
afterAll(() => gateway.close());
beforeEach(() => {
  gateway.behave({ kind: 'accept' });
  client = bindConnector(httpPushGateway, {
    baseUrl: gateway.url,
    apiToken: gateway.apiToken,
    defaultTitle: '招财银行',
    timeoutMs: 400,
  }) as ConnectorClient<'push'>;
});

describe('http-push-gateway connector', () => {
  it('pushes to a customer with the default title, and a repeated key pushes nothing new', async () => {
    const first = await client.send({ message: toCustomer('C000001'), idempotencyKey: 'p-1' }, signal);
    const again = await client.send({ message: toCustomer('C000001'), idempotencyKey: 'p-1' }, signal);
    expect(first.providerMessageId).toMatch(/^push-/);
    expect(again.providerMessageId).toBe(first.providerMessageId);
    expect(again.detail).toEqual({ duplicate: true });
    const pushes = gateway.received().filter((p) => p.idempotencyKey === 'p-1');
    expect(pushes).toEqual([
      expect.objectContaining({
        to: 'C000001',
        toType: 'customer',
        title: '招财银行',
        body: '本周用卡消费满 100 元立减 20 元',
        data: {},
      }),
    ]);
  });

  it('pushes to a device token with its own title and data', async () => {
    const receipt = await client.send(
      {
        message: {
          to: 'fcm-token-abc',
          toType: 'device',
          title: '理财到期提醒',
          body: '您的理财明天到期',
          data: { link: 'bank://wealth' },
        },
        idempotencyKey: 'p-device',
      },
      signal,
    );
    expect(gateway.received().find((p) => p.id === receipt.providerMessageId)).toMatchObject({
      toType: 'device',
      title: '理财到期提醒',
      data: { link: 'bank://wealth' },
    });
  });

  it('reports an uninstalled app and a customer without devices as permanent', async () => {
    gateway.unregisterDevices(['stale-token']);
    const stale = await client
      .send({ message: { to: 'stale-token', toType: 'device', body: 'hi' }, idempotencyKey: 'p-410' }, signal)
      .catch((e) => e);
    expect(stale).toBeInstanceOf(PermanentSendError);
    expect(stale.code).toBe('device-unregistered');

    gateway.forgetCustomers(['C999999']);
    const nobody = await client
      .send({ message: toCustomer('C999999'), idempotencyKey: 'p-404' }, signal)
      .catch((e) => e);
    expect(nobody).toBeInstanceOf(PermanentSendError);
    expect(nobody.code).toBe('invalid-recipient');
  });

  it('reports rate limits and outages as transient with their Retry-After', async () => {
    gateway.behave({ kind: 'fail', status: 429, retryAfterSeconds: 3 }, 1);
    const limited = await client
      .send({ message: toCustomer('C000002'), idempotencyKey: 'p-429' }, signal)
      .catch((e) => e);
    expect(limited).toBeInstanceOf(TransientSendError);
    expect(limited.code).toBe('rate-limited');
    expect(limited.retryAfterMs).toBe(3000);

    gateway.behave({ kind: 'fail', status: 503 }, 1);
    const down = await client
      .send({ message: toCustomer('C000002'), idempotencyKey: 'p-503' }, signal)
      .catch((e) => e);
    expect(down).toBeInstanceOf(TransientSendError);
    expect(down.code).toBe('provider-unavailable');
    expect(gateway.received().some((p) => p.idempotencyKey === 'p-429' || p.idempotencyKey === 'p-503')).toBe(
      false,
    );
  });

  it('settles a lost answer by lookup instead of pushing again', async () => {
    gateway.behave({ kind: 'accept-then-hang' }, 1);
    const lost = await client
      .send({ message: toCustomer('C000003'), idempotencyKey: 'p-hang' }, signal)
      .catch((e) => e);
    expect(lost).toBeInstanceOf(UnknownOutcomeError);
    expect(lost.code).toBe('answer-lost');
    expect(await client.lookup('p-hang', signal)).toMatchObject({ found: true });
    expect(await client.lookup('p-never', signal)).toEqual({ found: false });
    expect(gateway.requestsFor('p-hang')).toBe(1);
  });

  it('reports a wrong token as permanent, and check says so', async () => {
    const wrong = bindConnector(httpPushGateway, { baseUrl: gateway.url, apiToken: 'not-the-token' });
    const error = await wrong
      .send({ message: toCustomer('C000004'), idempotencyKey: 'p-401' }, signal)
      .catch((e) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect(error.code).toBe('auth-failed');
    expect((await wrong.check(signal)).ok).toBe(false);
    expect((await client.check(signal)).ok).toBe(true);
  });

  it('names every bad credential field', () => {
    try {
      bindConnector(httpPushGateway, { baseUrl: 'ftp://push', apiToken: 'short' });
      expect.unreachable('bad credentials must be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ConnectorConfigError);
      expect((error as ConnectorConfigError).issues.map((i) => i.split(':')[0])).toEqual([
        'baseUrl',
        'apiToken',
      ]);
    }
  });
});
