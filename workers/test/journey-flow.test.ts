import type { TestSmsGateway } from '@waymark/connectors/testing';
import { insertEvents } from '@waymark/db';
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
        {
          id: 'ab',
          type: 'split.ab',
          config: {
            variants: [
              { id: 'A', label: 'A', weight: 50 },
              { id: 'B', label: 'B', weight: 50 },
            ],
            mode: 'fixed',
          },
        },
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
