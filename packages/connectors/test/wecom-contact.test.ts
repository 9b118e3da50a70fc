import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bindConnector,
  type ConnectorClient,
  connectorDefinitions,
  createConnectorRegistry,
  createWeComContactConnector,
  PermanentSendError,
  TransientSendError,
  type WeComMessage,
} from '../src/index.ts';
import { type SentContactMessage, startTestWeComApi, type TestWeComApi } from '../src/testing/index.ts';

let api: TestWeComApi;
let client: ConnectorClient<'wecom'>;
const signal = new AbortController().signal;
const script = '张先生您好，您有一笔定期存款下周到期，欢迎来网点办理续存。';
const toContact = (externalUserId: string, sender = 'rm.zhang', text = script): WeComMessage => ({
  externalUserId,
  sender,
  text,
});

function connect(to: TestWeComApi = api) {
  return bindConnector(createWeComContactConnector(), {
    corpId: to.corpId,
    corpSecret: to.corpSecret,
    baseUrl: to.url,
    timeoutMs: 400,
  }) as ConnectorClient<'wecom'>;
}

beforeAll(async () => {
  api = await startTestWeComApi();
});
afterAll(() => api.close());
beforeEach(() => {
  client = connect();
});

/** What the engine hands back to `poll`: the receipts of the messages it still holds as sent. */
function sentFrom(outcomes: Awaited<ReturnType<ConnectorClient['sendMany']>>) {
  return outcomes.flatMap((o) =>
    o.ok
      ? [
          {
            providerMessageId: o.receipt.providerMessageId,
            idempotencyKey: o.idempotencyKey,
            sentAt: new Date(),
            detail: o.receipt.detail ?? {},
          },
        ]
      : [],
  );
}

describe('wecom-contact connector', () => {
  it('is registered on the wecom channel and polls for receipts', () => {
    const registry = createConnectorRegistry(connectorDefinitions);
    expect(registry.get('wecom-contact')).toMatchObject({ channel: 'wecom' });
    expect(connect().canPoll).toBe(true);
  });

  it('asks each relationship manager once per batch for all their customers, and fails non-contacts', async () => {
    api.rejectContacts(['wm_stranger']);
    const before = api.stats();
    const items = [
      { message: toContact('wm_c001'), idempotencyKey: 'k1' },
      { message: toContact('wm_c002'), idempotencyKey: 'k2' },
      { message: toContact('wm_c003', 'rm.li'), idempotencyKey: 'k3' },
      { message: toContact('wm_stranger'), idempotencyKey: 'k4' },
      { message: { toUserId: 'staff_only', text: script }, idempotencyKey: 'k5' },
    ];
    const outcomes = await client.sendMany(items, signal);
    expect(api.stats().addTemplateRequests - before.addTemplateRequests).toBe(2);
    const tasks = api.contactTasks().slice(-2);
    const zhang = tasks.find((t) => t.sender === 'rm.zhang');
    expect(zhang).toMatchObject({
      externalUserIds: ['wm_c001', 'wm_c002'],
      failList: ['wm_stranger'],
      text: script,
    });
    expect(tasks.find((t) => t.sender === 'rm.li')?.externalUserIds).toEqual(['wm_c003']);

    const byKey = new Map(outcomes.map((o) => [o.idempotencyKey, o]));
    expect(byKey.get('k1')).toMatchObject({
      ok: true,
      receipt: {
        providerMessageId: zhang?.msgid,
        status: 'sent',
        detail: { sender: 'rm.zhang', externalUserId: 'wm_c001' },
      },
    });
    expect(byKey.get('k2')).toMatchObject({ ok: true, receipt: { providerMessageId: zhang?.msgid } });
    const stranger = byKey.get('k4');
    expect(stranger?.ok).toBe(false);
    if (stranger && !stranger.ok) {
      expect(stranger.error).toBeInstanceOf(PermanentSendError);
      expect(stranger.error.code).toBe('not-a-contact');
    }
    const noContact = byKey.get('k5');
    expect(noContact && !noContact.ok && noContact.error.code).toBe('no-wecom-contact');
  });

  it('gives a personalised script its own task, and sends a card as a link attachment', async () => {
    const before = api.stats();
    await client.sendMany(
      [
        { message: toContact('wm_c010', 'rm.wang', '王先生您好'), idempotencyKey: 'p1' },
        { message: toContact('wm_c011', 'rm.wang', '李女士您好'), idempotencyKey: 'p2' },
      ],
      signal,
    );
    expect(api.stats().addTemplateRequests - before.addTemplateRequests).toBe(2);
    await client.send(
      {
        message: {
          ...toContact('wm_c012', 'rm.wang'),
          card: { title: '续存礼遇', url: 'https://bank.example/r' },
        },
        idempotencyKey: 'p3',
      },
      signal,
    );
    expect(api.contactTasks().at(-1)?.link).toEqual({ title: '续存礼遇', url: 'https://bank.example/r' });
  });

  it('polls tasks once per sender: sent → delivered, not a contact and over quota → failed, pending → nothing', async () => {
    const outcomes = await client.sendMany(
      ['wm_p1', 'wm_p2', 'wm_p3', 'wm_p4'].map((id, i) => ({
        message: toContact(id, 'rm.zhao'),
        idempotencyKey: `q${i + 1}`,
      })),
      signal,
    );
    const sent = sentFrom(outcomes);
    const msgid = sent[0]!.providerMessageId;
    expect(await client.pollReceipts(sent, signal)).toEqual([]);

    api.markContactTask(msgid, 1, ['wm_p1']);
    api.markContactTask(msgid, 2, ['wm_p2']);
    api.markContactTask(msgid, 3, ['wm_p3']);
    const before = api.stats();
    const reports = await client.pollReceipts(sent, signal);
    expect(api.stats().sendResultRequests - before.sendResultRequests).toBe(1);
    expect(reports.map((r) => [r.idempotencyKey, r.status, r.code]).sort()).toEqual([
      ['q1', 'delivered', undefined],
      ['q2', 'failed', 'not-a-contact'],
      ['q3', 'failed', 'monthly-quota'],
    ]);
    expect(reports[0]).toMatchObject({ providerMessageId: msgid, detail: { sender: 'rm.zhao' } });
  });

  it('reads every page of a large task', async () => {
    const ids = Array.from({ length: 1203 }, (_, i) => `wm_big${i}`);
    const outcomes = await client.sendMany(
      ids.map((id, i) => ({ message: toContact(id, 'rm.big'), idempotencyKey: `b${i}` })),
      signal,
    );
    const sent = sentFrom(outcomes);
    expect(new Set(sent.map((s) => s.providerMessageId)).size).toBe(2);
    for (const msgid of new Set(sent.map((s) => s.providerMessageId))) api.markContactTask(msgid, 1);
    const before = api.stats();
    const reports = await client.pollReceipts(sent, signal);
    expect(reports).toHaveLength(ids.length);
    expect(new Set(reports.map((r) => r.idempotencyKey)).size).toBe(ids.length);
    // 1000 + 203 customers in two tasks (a batch is at most 1000): two pages of 500, and one.
    expect(api.stats().sendResultRequests - before.sendResultRequests).toBe(3);
  });

  it('treats WeCom rate limits as transient and an unknown sender as permanent', async () => {
    api.behave({ kind: 'errcode', errcode: 45033 });
    await expect(
      client.send({ message: toContact('wm_r1'), idempotencyKey: 'r1' }, signal),
    ).rejects.toBeInstanceOf(TransientSendError);
    api.behave({ kind: 'errcode', errcode: -1 });
    await expect(
      client.send({ message: toContact('wm_r1'), idempotencyKey: 'r1' }, signal),
    ).rejects.toBeInstanceOf(TransientSendError);
    api.rejectUsers(['rm.gone']);
    await expect(
      client.send({ message: toContact('wm_r2', 'rm.gone'), idempotencyKey: 'r2' }, signal),
    ).rejects.toMatchObject({ kind: 'permanent', code: 'invalid-sender' });
    api.behave({ kind: 'errcode', errcode: 84061 });
    await expect(
      client.send({ message: toContact('wm_r3'), idempotencyKey: 'r3' }, signal),
    ).rejects.toMatchObject({
      kind: 'permanent',
      code: 'not-a-contact',
    });
  });

  it('a poll that cannot read one task still reports the others; one that reads none throws', async () => {
    const a = sentFrom(
      await client.sendMany([{ message: toContact('wm_e1', 'rm.a'), idempotencyKey: 'e1' }], signal),
    );
    const b = sentFrom(
      await client.sendMany([{ message: toContact('wm_e2', 'rm.b'), idempotencyKey: 'e2' }], signal),
    );
    api.markContactTask(a[0]!.providerMessageId, 1);
    api.markContactTask(b[0]!.providerMessageId, 1);
    api.behave({ kind: 'errcode', errcode: 45009 });
    const reports = await client.pollReceipts([...a, ...b], signal);
    expect(reports).toHaveLength(1);
    api.behave({ kind: 'http', status: 503 });
    await expect(client.pollReceipts(a, signal)).rejects.toBeInstanceOf(TransientSendError);
  });
});

describe('the local WeCom API with relationship managers who send every task (the demo sandbox)', () => {
  it('confirms a task at once when told to, telling about each customer reached but not those WeCom failed', async () => {
    const reached: SentContactMessage[] = [];
    const rms = await startTestWeComApi({
      contactTasksSentAfterMs: 0,
      onContactMessage: (m) => reached.push(m),
    });
    try {
      rms.rejectContacts(['wm_stranger']);
      const outcomes = await connect(rms).sendMany(
        ['wm_s1', 'wm_s2', 'wm_stranger'].map((id, i) => ({
          message: toContact(id, 'ZhangWei'),
          idempotencyKey: `s${i + 1}`,
        })),
        signal,
      );
      const sent = sentFrom(outcomes);
      expect(reached.map((m) => [m.externalUserId, m.sender, m.text])).toEqual([
        ['wm_s1', 'ZhangWei', script],
        ['wm_s2', 'ZhangWei', script],
      ]);
      expect(reached[0]?.msgid).toBe(sent[0]?.providerMessageId);
      const reports = await connect(rms).pollReceipts(sent, signal);
      expect(reports.map((r) => [r.idempotencyKey, r.status]).sort()).toEqual([
        ['s1', 'delivered'],
        ['s2', 'delivered'],
      ]);
      // send_time is when the RM sent it, to the second.
      expect(Math.abs(reports[0]!.at.getTime() - reached[0]!.at.getTime())).toBeLessThan(1000);
    } finally {
      await rms.close();
    }
  });

  it('confirms a task after the delay given, leaving what a test settled meanwhile', async () => {
    const reached: string[] = [];
    const rms = await startTestWeComApi({
      contactTasksSentAfterMs: 150,
      onContactMessage: (m) => reached.push(m.externalUserId),
    });
    try {
      const outcomes = await connect(rms).sendMany(
        ['wm_d1', 'wm_d2'].map((id, i) => ({
          message: toContact(id, 'ZhangWei'),
          idempotencyKey: `d${i + 1}`,
        })),
        signal,
      );
      const sent = sentFrom(outcomes);
      expect(await connect(rms).pollReceipts(sent, signal)).toEqual([]);
      rms.markContactTask(sent[0]!.providerMessageId, 3, ['wm_d2']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(reached).toEqual(['wm_d1']);
      const reports = await connect(rms).pollReceipts(sent, signal);
      expect(reports.map((r) => [r.idempotencyKey, r.status, r.code]).sort()).toEqual([
        ['d1', 'delivered', undefined],
        ['d2', 'failed', 'monthly-quota'],
      ]);
    } finally {
      await rms.close();
    }
  });

  it('by default leaves tasks unsent until a test marks them, and tells about those marked sent', async () => {
    const reached: string[] = [];
    const waiting = await startTestWeComApi({ onContactMessage: (m) => reached.push(m.externalUserId) });
    try {
      const sent = sentFrom(
        await connect(waiting).sendMany(
          [{ message: toContact('wm_w1', 'ZhangWei'), idempotencyKey: 'w1' }],
          signal,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(reached).toEqual([]);
      expect(await connect(waiting).pollReceipts(sent, signal)).toEqual([]);
      waiting.markContactTask(sent[0]!.providerMessageId, 1);
      waiting.markContactTask(sent[0]!.providerMessageId, 1);
      expect(reached).toEqual(['wm_w1']);
    } finally {
      await waiting.close();
    }
  });
});
