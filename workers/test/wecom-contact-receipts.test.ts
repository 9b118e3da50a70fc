import { startTestWeComApi, type TestWeComApi } from '@waymark/connectors/testing';
import { insertEvents } from '@waymark/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningEngine, startEngine } from '../src/engine.ts';
import { pollReceipts } from '../src/maintenance/poll-receipts.ts';
import {
  createEngineFixture,
  type EngineFixture,
  insertConnector,
  insertCustomers,
} from './support/engine-fixture.ts';
import { graph, publishJourney, transitionCounts } from './support/journeys.ts';

let f: EngineFixture;
let api: TestWeComApi;
let engine: RunningEngine;
const hour = 3_600_000;

/** Nine customers are contacts of three RMs; two have no WeCom contact; one is not their RM's contact. */
const customers = [
  ...Array.from({ length: 9 }, (_, i) => ({
    id: `C00000${i + 1}`,
    attributes: {
      wecomExternalUserId: `wm_c00${i + 1}`,
      rmWecomUserId: ['rm.zhang', 'rm.li', 'rm.wang'][Math.floor(i / 3)],
    },
  })),
  { id: 'C000010', attributes: { rmWecomUserId: 'rm.zhang' } },
  { id: 'C000011', attributes: {} },
  { id: 'C000012', attributes: { wecomExternalUserId: 'wm_stranger', rmWecomUserId: 'rm.zhang' } },
];

beforeAll(async () => {
  f = await createEngineFixture({ label: 'wecom-contact' });
  api = await startTestWeComApi();
  api.rejectContacts(['wm_stranger']);
  await insertConnector(f, {
    id: 'wecom-rm',
    kind: 'wecom-contact',
    channel: 'wecom',
    credentials: { corpId: api.corpId, corpSecret: api.corpSecret, baseUrl: api.url, timeoutMs: 2000 },
  });
  await insertCustomers(f, customers);
  engine = await startEngine(f.r, {
    groups: ['events', 'steps', 'sends', 'waits', 'receipts', 'maintenance'],
    sweepIntervalMs: false,
    tuning: { lockDurationMs: 5000, stalledIntervalMs: 2000, retryBaseMs: 20 },
  });
});
afterAll(async () => {
  await engine.close();
  await api.close();
  await f.close();
});

async function messages(journeyId: string) {
  const rows = await f.testDb.db.query<{ customer_id: string; status: string; reason: string | null }>(
    'SELECT customer_id, status, reason FROM messages WHERE journey_id = $1 ORDER BY customer_id',
    [journeyId],
  );
  return Object.fromEntries(
    rows.map((m) => [m.customer_id, m.reason ? `${m.status} ${m.reason}` : m.status]),
  );
}

it('sends through each customer’s RM, one task per RM, and settles the tasks the RMs sent or WeCom failed by polling', {
  timeout: 60_000,
}, async () => {
  const journeyId = await publishJourney(
    f,
    graph(
      [
        { id: 'trigger', type: 'trigger.event', config: { event: 'deposit_maturing' } },
        {
          id: 'rm',
          type: 'send',
          config: {
            channel: 'wecom',
            connectorId: 'wecom-rm',
            content: { kind: 'inline', body: '您好，您的定期存款下周到期，欢迎咨询续存方案。' },
          },
        },
        { id: 'done', type: 'exit', config: { reason: 'asked the RM' } },
        { id: 'unreachable', type: 'exit', config: { reason: 'no WeCom contact' } },
      ],
      [
        ['trigger', 'out', 'rm'],
        ['rm', 'sent', 'done'],
        ['rm', 'failed', 'unreachable'],
      ],
    ),
  );
  const events = customers.map((c, i) => ({
    eventId: `maturing-${i}`,
    customerId: c.id,
    name: 'deposit_maturing',
    occurredAt: f.clock.now(),
  }));
  await insertEvents(f.testDb.db, events);
  await f.r.producers.events.ingested(events.map((e) => e.eventId));
  await api.waitForContactTasks(3, 20_000);
  await expect
    .poll(async () => Object.values(await messages(journeyId)).filter((s) => s === 'sent').length, {
      timeout: 20_000,
    })
    .toBe(9);

  // One add_msg_template per RM, each carrying that RM's customers; the stranger is in fail_list.
  const tasks = api.contactTasks();
  expect(api.stats().addTemplateRequests).toBe(3);
  const bySender = new Map(tasks.map((t) => [t.sender, t]));
  expect(bySender.get('rm.zhang')).toMatchObject({
    externalUserIds: ['wm_c001', 'wm_c002', 'wm_c003'],
    failList: ['wm_stranger'],
  });
  expect(bySender.get('rm.li')?.externalUserIds).toEqual(['wm_c004', 'wm_c005', 'wm_c006']);
  expect(bySender.get('rm.wang')?.externalUserIds).toEqual(['wm_c007', 'wm_c008', 'wm_c009']);
  const sentBefore = await messages(journeyId);
  expect(sentBefore.C000010).toMatch(/^failed no-wecom-user: /);
  expect(sentBefore.C000011).toMatch(/^failed no-wecom-user: /);
  expect(sentBefore.C000012).toMatch(/^failed not-a-contact: /);

  // Nothing confirmed yet: a poll asks, and records nothing.
  expect(await pollReceipts(f.r)).toEqual({ asked: 9, settled: 0 });

  api.markContactTask(bySender.get('rm.zhang')!.msgid, 1, ['wm_c001']);
  api.markContactTask(bySender.get('rm.zhang')!.msgid, 2, ['wm_c002']);
  api.markContactTask(bySender.get('rm.li')!.msgid, 3, ['wm_c004']);
  api.markContactTask(bySender.get('rm.li')!.msgid, 1, ['wm_c005', 'wm_c006']);
  f.clock.advance(hour);
  // The maintenance job, as the ticker queues it once per poll slot.
  const slot = Math.floor(f.clock.now().getTime() / f.r.settings.receiptPollIntervalMs);
  await f.r.producers.maintenance.tick('poll-receipts', slot);
  await expect.poll(async () => (await messages(journeyId)).C000001, { timeout: 20_000 }).toBe('delivered');
  const afterPoll = await messages(journeyId);
  expect(afterPoll).toMatchObject({
    C000001: 'delivered',
    C000002: 'failed provider-reported: not-a-contact',
    C000003: 'sent',
    C000004: 'failed provider-reported: monthly-quota',
    C000005: 'delivered',
    C000006: 'delivered',
    C000007: 'sent',
    C000008: 'sent',
    C000009: 'sent',
  });
  // One get_groupmsg_send_result per task and sender, in each poll.
  expect(api.stats().sendResultRequests).toBe(6);

  // Polling again (and the same slot queued again) records nothing twice.
  const eventCount = async () =>
    (await f.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM message_events'))[0]?.n;
  const eventsBefore = await eventCount();
  expect(await pollReceipts(f.r)).toEqual({ asked: 4, settled: 0 });
  expect(await eventCount()).toBe(eventsBefore);
  expect(await messages(journeyId)).toEqual(afterPoll);

  // Past the poll horizon a task is no longer asked about, even once the RM sends it.
  api.markContactTask(bySender.get('rm.wang')!.msgid, 1);
  f.clock.advance(f.r.settings.receiptPollMaxAgeMs);
  const asked = api.stats().sendResultRequests;
  expect(await pollReceipts(f.r)).toEqual({ asked: 0, settled: 0 });
  expect(api.stats().sendResultRequests).toBe(asked);
  expect((await messages(journeyId)).C000007).toBe('sent');

  const counts = await transitionCounts(f, journeyId);
  expect(counts['rm.sent']).toBe(9);
  expect(counts['rm.failed']).toBe(3);
});
