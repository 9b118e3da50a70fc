import type { TestSmsGateway } from '@waymark/connectors/testing';
import { insertEvents } from '@waymark/db';
import { abSplitNode } from '@waymark/journey/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningEngine, startEngine } from '../src/engine.ts';
import { sweep } from '../src/maintenance/sweep.ts';
import {
  attachSmsGateway,
  createEngineFixture,
  type EngineFixture,
  insertCustomers,
} from './support/engine-fixture.ts';
import { drained, enrollmentStatuses, graph, publishJourney, transitionCounts } from './support/journeys.ts';

let f: EngineFixture;
let gateway: TestSmsGateway;
let engine: RunningEngine;
const day = 86_400_000;

beforeAll(async () => {
  f = await createEngineFixture({ label: 'flow' });
  gateway = await attachSmsGateway(f);
  engine = await startEngine(f.r, {
    groups: ['events', 'steps', 'sends', 'waits', 'lifecycle'],
    sweepIntervalMs: false,
    tuning: { lockDurationMs: 5000, stalledIntervalMs: 2000, retryBaseMs: 20 },
  });
});
afterAll(async () => {
  await engine.close();
  await gateway.close();
  await f.close();
});

it('walks customers from an event through filter, split, send, waits and the goal wait to the exit', async () => {
  const customers = Array.from({ length: 40 }, (_, i) => ({
    id: `C${String(i + 1).padStart(6, '0')}`,
    attributes: { balance: i % 2 === 0 ? 5000 : 200 },
    phone: `1380000${String(i + 1).padStart(4, '0')}`,
    name: `客户${i + 1}`,
  }));
  await insertCustomers(f, customers);
  const journeyId = await publishJourney(
    f,
    graph(
      [
        { id: 'trigger', type: 'trigger.event', config: { event: 'large_deposit' } },
        {
          id: 'rich',
          type: 'filter',
          config: {
            condition: { type: 'attribute', field: 'balance', valueType: 'number', op: 'gt', value: 1000 },
          },
        },
        abSplitNode(),
        {
          id: 'sms',
          type: 'send',
          config: {
            channel: 'sms',
            connectorId: 'sms-main',
            content: { kind: 'inline', body: '{{customer.name}}您好，A 方案理财' },
            variantContent: { B: { kind: 'inline', body: '{{customer.name}}您好，B 方案理财' } },
          },
        },
        { id: 'wait3', type: 'wait.duration', config: { amount: 3, unit: 'days' } },
        {
          id: 'goal',
          type: 'wait.event',
          config: { event: 'wealth_purchase', timeout: { amount: 7, unit: 'days' } },
        },
        { id: 'done', type: 'exit', config: { reason: 'journey finished' } },
      ],
      [
        ['trigger', 'out', 'rich'],
        ['rich', 'yes', 'ab'],
        ['ab', 'A', 'sms'],
        ['ab', 'B', 'sms'],
        ['sms', 'sent', 'wait3'],
        ['wait3', 'out', 'goal'],
        ['goal', 'matched', 'done'],
        ['goal', 'timeout', 'done'],
      ],
    ),
  );

  const events = customers.map((c, i) => ({
    eventId: `dep-${i}`,
    customerId: c.id,
    name: 'large_deposit',
    properties: { amount: 60000 },
    occurredAt: f.clock.now(),
  }));
  await insertEvents(f.testDb.db, events);
  await f.r.producers.events.ingested(events.map((e) => e.eventId));
  // The same events again: nobody enters twice.
  await f.r.producers.events.ingested(events.map((e) => e.eventId));
  await gateway.waitForAccepted(20);
  await drained(f);

  let counts = await transitionCounts(f, journeyId);
  expect(counts['trigger.out']).toBe(40);
  expect(counts['rich.yes']).toBe(20);
  expect(counts['rich.no']).toBe(20);
  expect((counts['ab.A'] ?? 0) + (counts['ab.B'] ?? 0)).toBe(20);
  expect(counts['sms.sent']).toBe(20);
  expect(gateway.acceptedCount).toBe(20);
  expect(gateway.accepted().filter((m) => m.text.includes('B 方案')).length).toBe(counts['ab.B']);

  // Three days later every customer moves on to wait for the purchase; five buy.
  f.clock.advance(3 * day + 60_000);
  expect((await sweep(f.r)).woken).toBe(20);
  await drained(f);
  counts = await transitionCounts(f, journeyId);
  expect(counts['wait3.out']).toBe(20);

  const buyers = customers.filter((_, i) => i % 2 === 0).slice(0, 5);
  const purchases = buyers.map((c, i) => ({
    eventId: `buy-${i}`,
    customerId: c.id,
    name: 'wealth_purchase',
    properties: { amount: 10000 },
    occurredAt: f.clock.now(),
  }));
  await insertEvents(f.testDb.db, purchases);
  await f.r.producers.events.ingested(purchases.map((e) => e.eventId));
  await drained(f);
  counts = await transitionCounts(f, journeyId);
  expect(counts['goal.matched']).toBe(5);

  f.clock.advance(7 * day + 60_000);
  await sweep(f.r);
  await drained(f);
  counts = await transitionCounts(f, journeyId);
  expect(counts['goal.timeout']).toBe(15);
  expect(await enrollmentStatuses(f, journeyId)).toEqual({ completed: 40 });
  expect(gateway.acceptedCount).toBe(20);
});

it('sends a reminder on every pass around a loop, each pass once, and stops when the customer acts', async () => {
  const customers = ['L1', 'L2'].map((id) => ({
    id,
    phone: `1390000${id.slice(1).padStart(4, '0')}`,
    name: id,
  }));
  await insertCustomers(f, customers);
  const journeyId = await publishJourney(
    f,
    graph(
      [
        { id: 'opened', type: 'trigger.event', config: { event: 'opened_card' } },
        {
          id: 'remind',
          type: 'send',
          config: {
            channel: 'sms',
            connectorId: 'sms-main',
            content: { kind: 'inline', body: '请激活您的信用卡' },
          },
        },
        {
          id: 'await',
          type: 'wait.event',
          config: { event: 'card_activated', timeout: { amount: 1, unit: 'days' } },
        },
        { id: 'done', type: 'exit', config: { reason: 'activated' } },
      ],
      [
        ['opened', 'out', 'remind'],
        ['remind', 'sent', 'await'],
        ['await', 'timeout', 'remind'],
        ['await', 'matched', 'done'],
      ],
    ),
  );
  const before = gateway.acceptedCount;
  const opened = customers.map((c) => ({
    eventId: `opened-${c.id}`,
    customerId: c.id,
    name: 'opened_card',
    occurredAt: f.clock.now(),
  }));
  await insertEvents(f.testDb.db, opened);
  await f.r.producers.events.ingested(opened.map((e) => e.eventId));
  await gateway.waitForAccepted(before + 2);
  await drained(f);

  // Two days without activation: two more reminders each, one per pass.
  for (let pass = 2; pass <= 3; pass++) {
    f.clock.advance(day + 60_000);
    await sweep(f.r);
    await gateway.waitForAccepted(before + 2 * pass);
    await drained(f);
  }
  const activated = [
    { eventId: 'act-L1', customerId: 'L1', name: 'card_activated', occurredAt: f.clock.now() },
  ];
  await insertEvents(f.testDb.db, activated);
  await f.r.producers.events.ingested(activated.map((e) => e.eventId));
  await drained(f);
  // Asking again changes nothing: each pass's message is claimed once under its own key.
  await sweep(f.r);
  await drained(f);

  const keys = await f.testDb.db.query<{ customer_id: string; key: string }>(
    `SELECT customer_id, regexp_replace(idempotency_key, '^e[0-9]+', 'e') AS key
       FROM messages WHERE journey_id = $1 ORDER BY customer_id, id`,
    [journeyId],
  );
  expect(keys.filter((k) => k.customer_id === 'L1').map((k) => k.key)).toEqual([
    'e.remind.s1',
    'e.remind.s1.v2',
    'e.remind.s1.v3',
  ]);
  expect(gateway.acceptedCount - before).toBe(6);
  const counts = await transitionCounts(f, journeyId);
  expect(counts['remind.sent']).toBe(6);
  expect(counts['await.timeout']).toBe(4);
  expect(counts['await.matched']).toBe(1);
  const states = await f.testDb.db.query<{ customer_id: string; status: string; visits: unknown }>(
    'SELECT customer_id, status, visits FROM enrollments WHERE journey_id = $1 ORDER BY customer_id',
    [journeyId],
  );
  expect(states).toEqual([
    { customer_id: 'L1', status: 'completed', visits: { remind: 3 } },
    { customer_id: 'L2', status: 'waiting', visits: { remind: 3 } },
  ]);
});
