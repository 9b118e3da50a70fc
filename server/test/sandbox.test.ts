import { randomBytes } from 'node:crypto';
import { bindConnector, connectorDefinitions, createConnectorRegistry } from '@waymark/connectors';
import { createPiiCipher } from '@waymark/db/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxInbox, type DemoSandbox, startDemoSandbox } from '../src/demo/sandbox/index.ts';
import { updateDemo } from '../src/demo/seed-demo.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

// The demo sandbox as `npm start` runs it: local providers, the seeded demo connectors pointed at
// them (unless a channel team pointed one elsewhere), and the read-only inbox route.
const cipher = createPiiCipher(randomBytes(32));
const registry = createConnectorRegistry(connectorDefinitions);
const signal = new AbortController().signal;
const inbox = createSandboxInbox(3);
let t: TestApp;
let sandbox: DemoSandbox;

async function connectorRow(id: string) {
  const [row] = await t.testDb.db.query<{ kind: string; credentials_enc: string | null }>(
    'SELECT kind, credentials_enc FROM connectors WHERE id = $1',
    [id],
  );
  if (!row?.credentials_enc) throw new Error(`${id} has no credentials`);
  return {
    kind: row.kind,
    credentials: JSON.parse(cipher.decrypt(row.credentials_enc)) as Record<string, unknown>,
  };
}

/** A stored connector, bound as the engine binds it. */
async function bound(id: string) {
  const row = await connectorRow(id);
  const definition = registry.get(row.kind);
  if (!definition) throw new Error(`no connector kind ${row.kind}`);
  return bindConnector(definition, row.credentials);
}

/** Sends one message through a stored connector. */
async function sendThrough(id: string, message: unknown, idempotencyKey: string) {
  return (await bound(id)).send({ message: message as never, idempotencyKey }, signal);
}

async function readInbox(roles: Parameters<TestApp['signIn']>, query = '') {
  const response = await t.app.inject({
    url: `/api/v1/sandbox/messages${query}`,
    headers: await t.signIn(...roles),
  });
  return { status: response.statusCode, body: response.json() };
}

beforeAll(async () => {
  t = await createTestApp({ cipher, sandbox: inbox });
  const insert =
    'INSERT INTO connectors (id, kind, channel, name, credentials_enc) VALUES ($1, $2, $3, $4, $5)';
  await t.testDb.db.query(insert, ['demo-sms', 'http-sms-gateway', 'sms', 'Demo SMS', null]);
  // As a demo database seeded before the push connector existed stored it.
  await t.testDb.db.query(insert, ['demo-push', 'push', 'push', 'Demo push', null]);
  await t.testDb.db.query(insert, ['demo-email', 'smtp-email', 'email', 'Demo mail relay', null]);
  // The channel team connected the demo WeCom connector to the bank's real corp.
  const real = { corpId: 'wwbank', corpSecret: 'real-secret-123', agentId: 1000005 };
  await t.testDb.db.query(insert, [
    'demo-wecom',
    'wecom',
    'wecom',
    'Demo WeCom',
    cipher.encrypt(JSON.stringify(real)),
  ]);
  // A demo database seeded before the WeCom contact connector existed: the start adds it.
  await updateDemo(t.testDb.db, () => {});
  const started = await startDemoSandbox(t.testDb.db, cipher, { inbox });
  if (!started) throw new Error('the sandbox should start for a demo database');
  sandbox = started;
});

afterAll(async () => {
  await sandbox?.close();
  await t?.close();
});

describe('demo sandbox', () => {
  it('points the unconfigured demo connectors at local providers and leaves a real one alone', async () => {
    expect(sandbox.connectorIds).toEqual(['demo-sms', 'demo-push', 'demo-email', 'demo-wecom-contact']);
    const sms = await connectorRow('demo-sms');
    expect(new URL(String(sms.credentials.baseUrl)).hostname).toBe('127.0.0.1');
    expect((await connectorRow('demo-push')).kind).toBe('http-push-gateway');
    expect((await connectorRow('demo-wecom')).credentials).toEqual({
      corpId: 'wwbank',
      corpSecret: 'real-secret-123',
      agentId: 1000005,
    });
  });

  it('re-points a previous sandbox’s connectors on restart, and starts nothing when none is its to point', async () => {
    const again = await startDemoSandbox(t.testDb.db, cipher, { inbox: createSandboxInbox() });
    // The first sandbox's loopback address counts as a sandbox's: a restart re-points them.
    expect(again?.connectorIds).toEqual(['demo-sms', 'demo-push', 'demo-email', 'demo-wecom-contact']);
    await again?.close();
    const nowhere = await startDemoSandbox(t.testDb.db, createPiiCipher(randomBytes(32)));
    // Under another key the stored credentials are unreadable, so they are not ours to overwrite.
    expect(nowhere).toBeUndefined();
    // Put this sandbox's addresses back for the next tests.
    const restored = await startDemoSandbox(t.testDb.db, cipher, { inbox });
    expect(restored).toBeDefined();
    await sandbox.close();
    sandbox = restored as DemoSandbox;
  });

  it('lists what the providers received, newest first, keeping only the last messages', async () => {
    await sendThrough('demo-sms', { to: '13800138000', text: '【Waymark银行】您的理财即将到期' }, 'k1');
    await sendThrough('demo-push', { to: 'C000002', toType: 'customer', body: '本周用卡立减 20 元' }, 'k2');
    await sendThrough('demo-sms', { to: '13900139000', text: '第二条短信' }, 'k3');
    await sendThrough('demo-sms', { to: '13700137000', text: '第三条短信' }, 'k4');

    const planner = await readInbox(['planner']);
    expect(planner.status).toBe(200);
    expect(planner.body).toMatchObject({ running: true, capacity: 3, received: 4 });
    expect(planner.body.items.map((m: { text: string }) => m.text)).toEqual([
      '第三条短信',
      '第二条短信',
      '本周用卡立减 20 元',
    ]);
    expect(planner.body.items[0]).toMatchObject({ channel: 'sms', to: '137****7000', title: null });
    expect(planner.body.items[2]).toMatchObject({ channel: 'push', to: 'C000002', title: 'Waymark 银行' });

    const admin = await readInbox(['admin'], '?channel=sms&limit=1');
    expect(admin.body.items).toEqual([expect.objectContaining({ to: '13700137000', text: '第三条短信' })]);
  });

  it('takes e-mail over SMTP like a relay, and shows a planner the address masked', async () => {
    const email = await connectorRow('demo-email');
    expect(email.credentials).toMatchObject({ host: '127.0.0.1', security: 'starttls' });
    await sendThrough(
      'demo-email',
      { to: 'c000007@example.cn', subject: '您的月度理财报告', text: '尊敬的客户：本月收益 ¥1,234.00。' },
      'k-mail',
    );
    const planner = await readInbox(['planner'], '?channel=email');
    expect(planner.body.items).toEqual([
      expect.objectContaining({
        channel: 'email',
        to: 'c***@example.cn',
        title: '您的月度理财报告',
        text: '尊敬的客户：本月收益 ¥1,234.00。',
      }),
    ]);
    const admin = await readInbox(['admin'], '?channel=email');
    expect(admin.body.items[0]).toMatchObject({ to: 'c000007@example.cn' });
  });

  it('sends through the relationship manager on WeCom, and the polled task reads as delivered', async () => {
    const contact = await connectorRow('demo-wecom-contact');
    // Its own kind's credentials, not the WeCom application's (which carry an agentId).
    expect(contact.kind).toBe('wecom-contact');
    expect(Object.keys(contact.credentials).sort()).toEqual(['baseUrl', 'corpId', 'corpSecret']);
    expect(new URL(String(contact.credentials.baseUrl)).hostname).toBe('127.0.0.1');

    const client = await bound('demo-wecom-contact');
    const text = '张先生您好，您的定期存款下周到期，欢迎来网点办理续存。';
    const receipt = await client.send(
      {
        message: { externalUserId: 'wm_ext_c000006', sender: 'ZhangWei', text } as never,
        idempotencyKey: 'k-rm',
      },
      signal,
    );
    expect(receipt.status).toBe('sent');
    const planner = await readInbox(['planner'], '?channel=wecom');
    expect(planner.body.items[0]).toMatchObject({
      channel: 'wecom',
      to: 'wm_ext_c000006',
      title: expect.stringContaining('ZhangWei'),
      text,
    });

    const reports = await client.pollReceipts(
      [{ ...receipt, idempotencyKey: 'k-rm', sentAt: new Date(), detail: receipt.detail ?? {} }],
      signal,
    );
    expect(reports).toEqual([expect.objectContaining({ idempotencyKey: 'k-rm', status: 'delivered' })]);
  });

  it('refuses a bad filter and readers without the channel permission', async () => {
    expect((await readInbox(['planner'], '?limit=0')).status).toBe(400);
    expect((await readInbox(['planner'], '?channel=fax')).status).toBe(400);
    expect((await readInbox(['relationship-manager'])).status).toBe(403);
  });
});

describe('without a sandbox (production, or no demo connectors)', () => {
  it('answers that no sandbox runs', async () => {
    const plain = await createTestApp();
    try {
      const response = await plain.app.inject({
        url: '/api/v1/sandbox/messages',
        headers: await plain.signIn('channel-operator'),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ running: false, capacity: 0, received: 0, items: [] });
    } finally {
      await plain.close();
    }
  });
});
