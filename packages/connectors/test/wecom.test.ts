import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bindConnector,
  type ConnectorClient,
  ConnectorConfigError,
  createWeComConnector,
  PermanentSendError,
  TransientSendError,
  UnknownOutcomeError,
  type WeComMessage,
} from '../src/index.ts';
import { startTestWeComApi, type TestWeComApi } from '../src/testing/index.ts';

let api: TestWeComApi;
let clock: number;
let client: ConnectorClient<'wecom'>;
const signal = new AbortController().signal;
const text = (toUserId: string, body = '张先生您好，您有一笔定期存款下周到期。'): WeComMessage => ({
  toUserId,
  text: body,
});

/** A fresh connector (so a fresh token cache) bound to the local API, on a clock the test moves. */
function connect(overrides: Record<string, unknown> = {}) {
  return bindConnector(createWeComConnector({ now: () => clock }), {
    corpId: api.corpId,
    corpSecret: api.corpSecret,
    agentId: api.agentId,
    baseUrl: api.url,
    timeoutMs: 400,
    ...overrides,
  }) as ConnectorClient<'wecom'>;
}

beforeAll(async () => {
  api = await startTestWeComApi();
});
afterAll(() => api.close());
beforeEach(() => {
  clock = Date.parse('2026-03-02T09:00:00Z');
  client = connect();
});

describe('wecom connector', () => {
  it('sends a text message to the user through the app, fetching one token for many sends', async () => {
    const before = api.stats();
    const first = await client.send({ message: text('wecom_c000001'), idempotencyKey: 'w-1' }, signal);
    await client.send({ message: text('wecom_c000002', '李女士您好'), idempotencyKey: 'w-2' }, signal);
    expect(first.providerMessageId).toMatch(/^wecom-msg-/);
    expect(first.status).toBe('sent');
    const got = api.received().find((m) => m.msgid === first.providerMessageId);
    expect(got).toMatchObject({
      toUserId: 'wecom_c000001',
      agentId: api.agentId,
      msgtype: 'text',
      text: '张先生您好，您有一笔定期存款下周到期。',
    });
    expect(api.stats().tokenRequests - before.tokenRequests).toBe(1);
  });

  it('sends a text card when the message carries one', async () => {
    const receipt = await client.send(
      {
        message: {
          toUserId: 'wecom_c000003',
          text: '稳健理财 7 天起存',
          card: { title: '理财推荐', url: 'https://bank.example.com/wealth', buttonText: '详情' },
        },
        idempotencyKey: 'w-card',
      },
      signal,
    );
    expect(api.received().find((m) => m.msgid === receipt.providerMessageId)).toMatchObject({
      msgtype: 'textcard',
      title: '理财推荐',
      text: '稳健理财 7 天起存',
      url: 'https://bank.example.com/wealth',
    });
  });

  it('replaces a token WeCom says has expired and sends the message once', async () => {
    await client.send({ message: text('wecom_c000004'), idempotencyKey: 'w-warm' }, signal);
    const before = api.stats();
    const receivedBefore = api.received().length;
    api.expireTokens();
    const receipt = await client.send(
      { message: text('wecom_c000004'), idempotencyKey: 'w-expired' },
      signal,
    );
    const after = api.stats();
    expect(after.refusedTokens - before.refusedTokens).toBe(1);
    expect(after.tokenRequests - before.tokenRequests).toBe(1);
    expect(api.received().length - receivedBefore).toBe(1);
    expect(api.received().at(-1)?.msgid).toBe(receipt.providerMessageId);
  });

  it('fetches a new token by itself once expires_in has passed', async () => {
    await client.send({ message: text('wecom_c000005'), idempotencyKey: 'w-t1' }, signal);
    const before = api.stats();
    clock += 3600_000;
    await client.send({ message: text('wecom_c000005'), idempotencyKey: 'w-t2' }, signal);
    expect(api.stats().tokenRequests - before.tokenRequests).toBe(0);
    clock += 3600_000;
    await client.send({ message: text('wecom_c000005'), idempotencyKey: 'w-t3' }, signal);
    const after = api.stats();
    expect(after.tokenRequests - before.tokenRequests).toBe(1);
    expect(after.refusedTokens - before.refusedTokens).toBe(0);
  });

  it('shares one token fetch among concurrent sends', async () => {
    const before = api.stats().tokenRequests;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        client.send({ message: text(`wecom_p${i}`), idempotencyKey: `w-par-${i}` }, signal),
      ),
    );
    expect(api.stats().tokenRequests - before).toBe(1);
  });

  it('reports WeCom rate limits as transient, with a wait, and sends nothing', async () => {
    const receivedBefore = api.received().length;
    api.behave({ kind: 'errcode', errcode: 45009, errmsg: 'api freq out of limit' });
    const frequency = await client
      .send({ message: text('wecom_c000006'), idempotencyKey: 'w-45009' }, signal)
      .catch((e) => e);
    expect(frequency).toBeInstanceOf(TransientSendError);
    expect(frequency.code).toBe('rate-limited');
    expect(frequency.retryAfterMs).toBe(60_000);
    expect(frequency.detail).toMatchObject({ errcode: 45009 });

    api.behave({ kind: 'errcode', errcode: 45033 });
    const concurrency = await client
      .send({ message: text('wecom_c000006'), idempotencyKey: 'w-45033' }, signal)
      .catch((e) => e);
    expect(concurrency).toBeInstanceOf(TransientSendError);
    expect(concurrency.retryAfterMs).toBe(2_000);
    expect(api.received().length).toBe(receivedBefore);

    const later = await client.send({ message: text('wecom_c000006'), idempotencyKey: 'w-45009' }, signal);
    expect(later.status).toBe('sent');
  });

  it('reports an unknown user as a permanent refusal', async () => {
    api.rejectUsers(['wecom_gone']);
    const unknown = await client
      .send({ message: text('wecom_gone'), idempotencyKey: 'w-81013' }, signal)
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(PermanentSendError);
    expect(unknown.code).toBe('invalid-recipient');
    expect(unknown.detail).toMatchObject({ errcode: 81013 });

    api.behave({ kind: 'errcode', errcode: 60111, errmsg: 'userid not found' });
    const missing = await client
      .send({ message: text('wecom_c000007'), idempotencyKey: 'w-60111' }, signal)
      .catch((e) => e);
    expect(missing).toBeInstanceOf(PermanentSendError);
    expect(missing.code).toBe('invalid-recipient');
  });

  it('reports a wrong secret as a permanent refusal, and check says so', async () => {
    const wrong = connect({ corpSecret: 'not-the-app-secret' });
    const error = await wrong
      .send({ message: text('wecom_c000008'), idempotencyKey: 'w-40001' }, signal)
      .catch((e) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect(error.code).toBe('auth-failed');
    const failed = await wrong.check(signal);
    expect(failed.ok).toBe(false);
    expect(failed.message).toMatch(/secret/);
    const ok = await client.check(signal);
    expect(ok).toMatchObject({ ok: true });
    expect(ok.message).toContain('Waymark 测试应用');
  });

  it('reports an outage as transient and a lost answer as unknown', async () => {
    api.behave({ kind: 'http', status: 502 });
    const outage = await client
      .send({ message: text('wecom_c000009'), idempotencyKey: 'w-502' }, signal)
      .catch((e) => e);
    expect(outage).toBeInstanceOf(TransientSendError);
    expect(outage.code).toBe('provider-unavailable');

    const receivedBefore = api.received().length;
    api.behave({ kind: 'accept-then-hang' });
    const lost = await client
      .send({ message: text('wecom_c000009'), idempotencyKey: 'w-hang' }, signal)
      .catch((e) => e);
    expect(lost).toBeInstanceOf(UnknownOutcomeError);
    expect(lost.code).toBe('answer-lost');
    expect(api.received().length).toBe(receivedBefore + 1);
  });

  it('reports an unreachable API as transient', async () => {
    const closed = await startTestWeComApi();
    const url = closed.url;
    await closed.close();
    const offline = connect({ baseUrl: url });
    const error = await offline
      .send({ message: text('wecom_c000010'), idempotencyKey: 'w-offline' }, signal)
      .catch((e) => e);
    expect(error).toBeInstanceOf(TransientSendError);
    expect(error.code).toBe('provider-unreachable');
  });

  it('accepts the AgentId as digits, defaults the base URL, and names every bad field', () => {
    expect(() =>
      bindConnector(createWeComConnector(), { corpId: 'ww1', corpSecret: 'secret-123', agentId: '1000002' }),
    ).not.toThrow();
    try {
      bindConnector(createWeComConnector(), { corpId: '', corpSecret: 'short', agentId: 'app' });
      expect.unreachable('bad credentials must be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ConnectorConfigError);
      expect((error as ConnectorConfigError).issues.map((i) => i.split(':')[0])).toEqual([
        'corpId',
        'corpSecret',
        'agentId',
      ]);
    }
  });
});
