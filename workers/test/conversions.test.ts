import type { TestSmsGateway } from '@waymark/connectors/testing';
import { insertEvents } from '@waymark/db';
import { abSplitNode } from '@waymark/journey/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningEngine, startEngine } from '../src/engine.ts';
import {
  attachSmsGateway,
  createEngineFixture,
  type EngineFixture,
  insertCustomers,
} from './support/engine-fixture.ts';
import { drained, graph, publishJourney } from './support/journeys.ts';

let f: EngineFixture;
let gateway: TestSmsGateway;
let engine: RunningEngine;
const day = 86_400_000;

beforeAll(async () => {
  f = await createEngineFixture({ label: 'conversions' });
  gateway = await attachSmsGateway(f);
  engine = await startEngine(f.r, {
    groups: ['events', 'steps', 'sends'],
    sweepIntervalMs: false,
    tuning: { lockDurationMs: 5000, stalledIntervalMs: 2000 },
  });
});
afterAll(async () => {
  await engine.close();
  await gateway.close();
  await f.close();
});

async function emit(
  events: { id: string; customer: string; name: string; props?: Record<string, unknown> }[],
) {
  const rows = events.map((e) => ({
    eventId: e.id,
    customerId: e.customer,
    name: e.name,
    properties: e.props ?? {},
    occurredAt: f.clock.now(),
  }));
  await insertEvents(f.testDb.db, rows);
  await f.r.producers.events.ingested(rows.map((r) => r.eventId));
  await drained(f);
}

it('records one conversion per enrollment inside the goal window, attributed to the path and last message', async () => {
  const ids = ['C000001', 'C000002', 'C000003', 'C000004'];
  await insertCustomers(
    f,
    ids.map((id, i) => ({ id, phone: `1370000000${i}`, attributes: {} })),
  );
  const journeyId = await publishJourney(
    f,
    graph(
      [
        { id: 'trigger', type: 'trigger.event', config: { event: 'salary_credit' } },
        abSplitNode(),
        {
          id: 'sms',
          type: 'send',
          config: { channel: 'sms', connectorId: 'sms-main', content: { kind: 'inline', body: '工资理财' } },
        },
        { id: 'wait', type: 'wait.duration', config: { amount: 3, unit: 'days' } },
      ],
      [
        ['trigger', 'out', 'ab'],
        ['ab', 'A', 'sms'],
        ['ab', 'B', 'sms'],
        ['sms', 'sent', 'wait'],
      ],
      {
        goal: {
          event: 'wealth_purchase',
          windowDays: 7,
          value: 500,
          condition: { type: 'property', field: 'amount', valueType: 'number', op: 'gte', value: 10000 },
        },
        exitOnGoal: true,
      },
    ),
  );
  await emit(ids.map((customer, i) => ({ id: `sal-${i}`, customer, name: 'salary_credit' })));
  await gateway.waitForAccepted(4);
  await drained(f);

  f.clock.advance(day);
  await emit([
    { id: 'p1', customer: 'C000001', name: 'wealth_purchase', props: { amount: 20000 } },
    { id: 'p1-again', customer: 'C000001', name: 'wealth_purchase', props: { amount: 50000 } },
    { id: 'p2-small', customer: 'C000002', name: 'wealth_purchase', props: { amount: 100 } },
  ]);
  f.clock.advance(7 * day);
  await emit([{ id: 'p3-late', customer: 'C000003', name: 'wealth_purchase', props: { amount: 20000 } }]);

  const conversions = await f.testDb.db.query<{
    customer_id: string;
    event_id: string;
    value: string;
    ab_path: Record<string, string>;
    message_id: number;
  }>('SELECT customer_id, event_id, value, ab_path, message_id FROM conversions WHERE journey_id = $1', [
    journeyId,
  ]);
  expect(conversions).toHaveLength(1);
  const [conversion] = conversions;
  expect(conversion).toMatchObject({ customer_id: 'C000001', event_id: 'p1', value: '500.00' });
  const [enrollment] = await f.testDb.db.query<{
    ab_path: Record<string, string>;
    status: string;
    exit_reason: string;
  }>(
    `SELECT ab_path, status, exit_reason FROM enrollments WHERE journey_id = $1 AND customer_id = 'C000001'`,
    [journeyId],
  );
  expect(conversion?.ab_path).toEqual(enrollment?.ab_path);
  expect(Object.keys(enrollment?.ab_path ?? {})).toEqual(['ab']);
  expect(enrollment).toMatchObject({ status: 'exited', exit_reason: 'converted' });
  const [message] = await f.testDb.db.query<{ id: number }>(
    `SELECT m.id FROM messages m JOIN enrollments e ON e.id = m.enrollment_id WHERE e.journey_id = $1 AND e.customer_id = 'C000001'`,
    [journeyId],
  );
  expect(conversion?.message_id).toBe(message?.id);
});
