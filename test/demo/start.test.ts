import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakePhone } from '@waymark/db/demo';
import { createTestDb, type TestDb } from '@waymark/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The front door, as a newcomer meets it: the start command on an empty database migrates, seeds
// the demo bank, listens, and prints where to go and how to log in.
const root = new URL('../..', import.meta.url).pathname;

let testDb: TestDb;
let dataDir: string;
let child: ChildProcess;
let output = '';
let baseUrl: string;
let password: string;
let startSeconds: number;

function waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`start did not print ${pattern} in time:\n${output}`)),
      timeoutMs,
    );
    const check = () => {
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${output}`)));
    check();
  });
}

async function api(path: string, init: RequestInit = {}, cookie = '') {
  return fetch(`${baseUrl}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', cookie, ...init.headers },
  });
}

async function loginAs(username: string): Promise<string> {
  const login = await api('/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ username, password }),
  });
  expect(login.status).toBe(200);
  return login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/**
 * Publishing as the demo runs it, maker–checker: the planner asks for approval of the current
 * draft (unless a request is already waiting, as the seeded one is), the approver approves it,
 * then the planner publishes.
 */
async function publishApproved(journeyId: string, plannerCookie: string): Promise<Response> {
  const pending = async (cookie: string) =>
    (
      (await (await api('/api/v1/approvals', {}, cookie)).json()) as {
        items: { id: string; journeyId: string }[];
      }
    ).items.find((item) => item.journeyId === journeyId);
  const approverCookie = await loginAs('approver');
  if (!(await pending(approverCookie))) {
    const journey = (await (await api(`/api/v1/journeys/${journeyId}`, {}, plannerCookie)).json()) as {
      draftRevision: number;
    };
    const requested = await api(
      `/api/v1/journeys/${journeyId}/approval-requests`,
      { method: 'POST', body: JSON.stringify({ baseRevision: journey.draftRevision, note: 'start test' }) },
      plannerCookie,
    );
    expect(requested.status, await requested.clone().text()).toBe(201);
  }
  const request = await pending(approverCookie);
  const approved = await api(
    `/api/v1/approvals/${request?.id}/approve`,
    { method: 'POST', body: JSON.stringify({ comment: '同意' }) },
    approverCookie,
  );
  expect(approved.status, await approved.clone().text()).toBe(200);
  return api(`/api/v1/journeys/${journeyId}/publish`, { method: 'POST', body: '{}' }, plannerCookie);
}

type NodeSpec = { id: string; type: string; config: unknown };

/** Creates a journey draft from nodes and `[source, port, target]` wires; returns its id. */
async function createJourney(name: string, nodes: NodeSpec[], wires: string[][], cookie: string) {
  const created = await api(
    '/api/v1/journeys',
    {
      method: 'POST',
      body: JSON.stringify({
        name,
        graph: {
          nodes: nodes.map((n, i) => ({ ...n, position: { x: i * 220, y: 0 } })),
          edges: wires.map(([source, sourceHandle, target], i) => ({
            id: `e${i}`,
            source,
            sourceHandle,
            target,
          })),
          settings: {},
        },
      }),
    },
    cookie,
  );
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function ageOf(customerId: string): Promise<unknown> {
  const [row] = await testDb.db.query<{ age: unknown }>(
    "SELECT attributes->'age' AS age FROM customers WHERE id = $1",
    [customerId],
  );
  return row?.age;
}

beforeAll(async () => {
  testDb = await createTestDb({ migrate: false });
  dataDir = mkdtempSync(join(tmpdir(), 'waymark-start-'));
  const started = Date.now();
  child = spawn(join(root, 'node_modules/.bin/tsx'), ['server/src/cli/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: testDb.url,
      WAYMARK_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'warn',
      WAYMARK_ROLE: 'all',
      WAYMARK_QUEUE_PREFIX: `wm-start-${process.pid}`,
      // Ticks every second instead of every 30 s, so receipts WeCom only gives when asked (the
      // RM's contact tasks) arrive within the test.
      WAYMARK_SWEEP_INTERVAL_MS: '1000',
      WAYMARK_RECEIPT_POLL_INTERVAL_MS: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  baseUrl = (await waitForLine(/running at (http:\/\/\S+)/, 170_000))[1] ?? '';
  password = (await waitForLine(/with password: (\S+)/, 5_000))[1] ?? '';
  startSeconds = (Date.now() - started) / 1000;
  console.log(`start command: demo seeded and listening after ${startSeconds.toFixed(1)} s`);
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start on an empty database', () => {
  it('logs the printed admin in and lists the bank customers with masked PII', async () => {
    const login = await api('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    const list = await api('/api/v1/customers?limit=5', {}, cookie);
    expect(list.status).toBe(200);
    const body = (await list.json()) as { items: { id: string; phone: string | null }[] };
    expect(body.items).toHaveLength(5);
    expect(body.items[0]?.id).toMatch(/^C\d{6}$/);
    expect(body.items[0]?.phone).toMatch(/^\d{3}\*{4}\d{4}$/);

    const one = await api('/api/v1/customers/C045211', {}, cookie);
    expect(one.status).toBe(200);
  });

  it('serves the API documentation', async () => {
    const docs = await fetch(`${baseUrl}/docs`);
    expect(docs.status).toBe(200);
    const spec = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(spec.paths)).toContain('/api/v1/customers');
  });

  it('seeds starter journeys whose drafts are valid', async () => {
    const login = await api('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'planner', password }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const list = await api('/api/v1/journeys', {}, cookie);
    expect(list.status).toBe(200);
    const journeys = ((await list.json()) as { items: { id: string }[] }).items;
    expect(journeys.length).toBeGreaterThanOrEqual(3);
    for (const journey of journeys) {
      const result = await api(
        `/api/v1/journeys/${journey.id}/validate`,
        { method: 'POST', body: '{}' },
        cookie,
      );
      expect(result.status).toBe(200);
      expect(((await result.json()) as { problems: unknown[] }).problems).toEqual([]);
    }
  });

  it('runs the engine in the same process: a published starter enrolls a customer on a live event', async () => {
    const login = await api('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'planner', password }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const journeys = (
      (await (await api('/api/v1/journeys', {}, cookie)).json()) as { items: { id: string; name: string }[] }
    ).items;
    const deposit = journeys.find((j) => j.name.includes('大额入账'));
    expect(deposit, 'the large-deposit starter is seeded').toBeDefined();
    const publish = await publishApproved(deposit?.id ?? '', cookie);
    expect(publish.status, await publish.clone().text()).toBe(201);
    // No pause: the publish is announced to the engine, which sees the journey at once.
    const ingest = await api(
      '/api/v1/events',
      {
        method: 'POST',
        body: JSON.stringify({
          events: [
            {
              eventId: 'start-test-1',
              customerId: 'C000001',
              name: 'large_deposit',
              properties: { amount: 80_000 },
              occurredAt: new Date().toISOString(),
            },
          ],
        }),
      },
      cookie,
    );
    expect(ingest.status).toBe(202);
    let entered = 0;
    for (let i = 0; i < 100 && entered === 0; i++) {
      const stats = (await (await api(`/api/v1/journeys/${deposit?.id}/stats`, {}, cookie)).json()) as {
        totals: { entered: number };
      };
      entered = stats.totals.entered;
      if (entered === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(entered).toBe(1);
  });

  it('sends a journey’s SMS, WeCom, push and e-mail into the demo sandbox, where a planner reads them', async () => {
    expect(output).toMatch(
      /Demo sandbox: demo-sms, demo-wecom, demo-push, demo-email, demo-wecom-contact send to local stand-in providers/,
    );
    const cookie = await loginAs('planner');
    const send = (id: string, channel: string, connectorId: string, body: string, subject?: string) => ({
      id,
      type: 'send',
      config: { channel, connectorId, content: { kind: 'inline', body, ...(subject && { subject }) } },
    });
    const nodes = [
      { id: 'check', type: 'trigger.event', config: { event: 'sandbox_check' } },
      send('sms', 'sms', 'demo-sms', '【Waymark银行】沙盒测试 {{event.ref}}：{{attributes.age}} 岁客户'),
      send('wecom', 'wecom', 'demo-wecom', '企业微信沙盒测试 {{event.ref}}：{{attributes.job}}'),
      send('push', 'push', 'demo-push', 'App 推送沙盒测试 {{event.ref}}'),
      send('email', 'email', 'demo-email', '邮件沙盒测试 {{event.ref}}', '{{attributes.job}} 客户月度报告'),
      { id: 'done', type: 'exit', config: { reason: 'checked' } },
    ];
    const wires = [
      ['check', 'out', 'sms'],
      ['sms', 'sent', 'wecom'],
      ['wecom', 'sent', 'push'],
      ['push', 'sent', 'email'],
      ['email', 'sent', 'done'],
    ];
    const journeyId = await createJourney('Sandbox check', nodes, wires, cookie);
    const publish = await publishApproved(journeyId, cookie);
    expect(publish.status, await publish.clone().text()).toBe(201);

    const ref = `R-${process.pid}`;
    const ingest = await api(
      '/api/v1/events',
      {
        method: 'POST',
        body: JSON.stringify({
          events: [
            {
              eventId: `sandbox-check-${process.pid}`,
              customerId: 'C000001',
              name: 'sandbox_check',
              properties: { ref },
              occurredAt: new Date().toISOString(),
            },
          ],
        }),
      },
      cookie,
    );
    expect(ingest.status).toBe(202);

    type Inbox = {
      running: boolean;
      items: { channel: string; to: string; title: string | null; text: string }[];
    };
    let inbox: Inbox = { running: false, items: [] };
    const ours = () => inbox.items.filter((m) => m.text.includes(ref));
    for (let i = 0; i < 150 && ours().length < 4; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 200));
      const answer = await api('/api/v1/sandbox/messages?limit=100', {}, cookie);
      expect(answer.status).toBe(200);
      inbox = (await answer.json()) as Inbox;
    }
    expect(inbox.running).toBe(true);
    const byChannel = Object.fromEntries(ours().map((m) => [m.channel, m]));
    // C000001 is the data set's first row: 58 years old, in management.
    expect(byChannel.sms).toMatchObject({ text: `【Waymark银行】沙盒测试 ${ref}：58 岁客户`, title: null });
    expect(byChannel.sms?.to, 'a planner sees the phone number masked').toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(byChannel.wecom).toMatchObject({ to: 'wm_c000001', text: `企业微信沙盒测试 ${ref}：management` });
    expect(byChannel.push).toMatchObject({
      to: 'C000001',
      title: 'Waymark 银行',
      text: `App 推送沙盒测试 ${ref}`,
    });
    expect(byChannel.email).toMatchObject({
      to: 'c***@example.cn',
      title: 'management 客户月度报告',
      text: `邮件沙盒测试 ${ref}`,
    });

    const onlyWeCom = await api('/api/v1/sandbox/messages?channel=wecom', {}, cookie);
    const wecomItems = ((await onlyWeCom.json()) as Inbox).items;
    expect(wecomItems.length).toBeGreaterThan(0);
    expect(wecomItems.every((m) => m.channel === 'wecom')).toBe(true);
    const badFilter = await api('/api/v1/sandbox/messages?channel=fax', {}, cookie);
    expect(badFilter.status).toBe(400);
    const rm = await api('/api/v1/sandbox/messages', {}, await loginAs('rm.zhang'));
    expect(rm.status, 'relationship managers do not read the channel sandbox').toBe(403);
  });

  it('sends through the demo RM on WeCom: the sandbox shows the script the RM sent to their customer', async () => {
    const cookie = await loginAs('planner');
    const nodes = [
      { id: 'check', type: 'trigger.event', config: { event: 'sandbox_rm_check' } },
      {
        id: 'rm',
        type: 'send',
        config: {
          channel: 'wecom',
          connectorId: 'demo-wecom-contact',
          content: { kind: 'inline', body: '客户经理转发沙盒测试 {{event.ref}}：{{attributes.age}} 岁客户' },
        },
      },
      { id: 'done', type: 'exit', config: { reason: 'checked' } },
    ];
    const journeyId = await createJourney(
      'Sandbox RM check',
      nodes,
      [
        ['check', 'out', 'rm'],
        ['rm', 'sent', 'done'],
      ],
      cookie,
    );
    const publish = await publishApproved(journeyId, cookie);
    expect(publish.status, await publish.clone().text()).toBe(201);

    // C000006 is a Shanghai branch customer, so rm.zhang's WeCom contact.
    const ref = `RM-${process.pid}`;
    const ingest = await api(
      '/api/v1/events',
      {
        method: 'POST',
        body: JSON.stringify({
          events: [
            {
              eventId: `sandbox-rm-check-${process.pid}`,
              customerId: 'C000006',
              name: 'sandbox_rm_check',
              properties: { ref },
              occurredAt: new Date().toISOString(),
            },
          ],
        }),
      },
      cookie,
    );
    expect(ingest.status).toBe(202);

    type Item = {
      channel: string;
      to: string;
      title: string | null;
      text: string;
      providerMessageId: string;
    };
    let ours: Item | undefined;
    for (let i = 0; i < 150 && !ours; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 200));
      const answer = await api('/api/v1/sandbox/messages?channel=wecom&limit=100', {}, cookie);
      ours = ((await answer.json()) as { items: Item[] }).items.find((m) => m.text.includes(ref));
    }
    expect(ours).toMatchObject({
      channel: 'wecom',
      to: 'wm_ext_c000006',
      title: expect.stringContaining('ZhangWei'),
      text: `客户经理转发沙盒测试 ${ref}：${await ageOf('C000006')} 岁客户`,
    });
    // The message is the RM's task: it reads as delivered once the engine's receipt poll asks
    // WeCom and hears that the RM sent it (the sandbox's RMs send at once).
    const messageRow = async () =>
      (
        await testDb.db.query<{ status: string; connector_id: string; provider_message_id: string }>(
          'SELECT status, connector_id, provider_message_id FROM messages WHERE journey_id = $1',
          [journeyId],
        )
      )[0];
    let message = await messageRow();
    for (let i = 0; i < 150 && message?.status !== 'delivered'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      message = await messageRow();
    }
    expect(message).toEqual({
      status: 'delivered',
      connector_id: 'demo-wecom-contact',
      provider_message_id: ours?.providerMessageId,
    });
  });

  it('keeps no phone number or e-mail address in clear in a dump of the database', () => {
    const dump = execFileSync('pg_dump', ['--data-only', testDb.url], {
      maxBuffer: 512 * 1024 * 1024,
    }).toString('utf8');
    expect(dump).toContain('C000001');
    for (const row of [1, 2, 777, 45_211]) expect(dump).not.toContain(fakePhone(row));
    // The sandbox e-mail went to C000001: its address is stored encrypted, on the message too.
    expect(dump).not.toContain('c000001@example.cn');
  });
});
