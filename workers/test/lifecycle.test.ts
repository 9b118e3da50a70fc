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
import { drained, enrollmentStatuses, graph, publishJourney } from './support/journeys.ts';

let f: EngineFixture;
let gateway: TestSmsGateway;
let engine: RunningEngine;
const day = 86_400_000;
const ids = Array.from({ length: 10 }, (_, i) => `C${String(i + 1).padStart(6, '0')}`);

beforeAll(async () => {
  f = await createEngineFixture({ label: 'lifecycle' });
  gateway = await attachSmsGateway(f);
  await insertCustomers(
    f,
    ids.map((id, i) => ({ id, phone: `1380013800${i}` })),
  );
  engine = await startEngine(f.r, {
    groups: ['events', 'steps', 'sends', 'lifecycle'],
    sweepIntervalMs: false,
    tuning: { lockDurationMs: 5000, stalledIntervalMs: 2000 },
  });
});
afterAll(async () => {
  await engine.close();
  await gateway.close();
  await f.close();
});

const waitThenSend = (event: string) =>
  graph(
    [
      { id: 'start', type: 'trigger.event', config: { event } },
      { id: 'wait', type: 'wait.duration', config: { amount: 1, unit: 'days' } },
      {
        id: 'sms',
        type: 'send',
        config: {
          channel: 'sms',
          connectorId: 'sms-main',
          content: { kind: 'inline', body: '理财到期提醒' },
        },
      },
      { id: 'done', type: 'exit', config: { reason: 'reminded' } },
    ],
    [
      ['start', 'out', 'wait'],
      ['wait', 'out', 'sms'],
      ['sms', 'sent', 'done'],
    ],
  );

async function emit(name: string, customers: string[], tag: string) {
  const events = customers.map((customerId) => ({
    eventId: `${name}-${tag}-${customerId}`,
    customerId,
    name,
    occurredAt: f.clock.now(),
  }));
  await insertEvents(f.testDb.db, events);
  await f.r.producers.events.ingested(events.map((e) => e.eventId));
  await drained(f);
}

it('pause holds sends and new entries, resume releases the held customers', async () => {
  const journeyId = await publishJourney(f, waitThenSend('maturing'));
  await emit('maturing', ids.slice(0, 5), 'a');
  expect(await enrollmentStatuses(f, journeyId)).toEqual({ waiting: 5 });

  await f.r.producers.lifecycle.request(
    { journeyId, action: 'pause', reason: 'copy under review' },
    'audit-1',
  );
  await drained(f);
  await emit('maturing', ids.slice(5), 'b');
  expect(await enrollmentStatuses(f, journeyId)).toEqual({ waiting: 5 });

  f.clock.advance(day + 60_000);
  await sweep(f.r);
  await drained(f);
  const held = await f.testDb.db.query<{ current_node: string; waiting_event: string }>(
    'SELECT DISTINCT current_node, waiting_event FROM enrollments WHERE journey_id = $1',
    [journeyId],
  );
  expect(held).toEqual([{ current_node: 'sms', waiting_event: '@resume' }]);
  expect(gateway.acceptedCount).toBe(0);

  await f.r.producers.lifecycle.request({ journeyId, action: 'resume', reason: '' }, 'audit-2');
  await gateway.waitForAccepted(5);
  await drained(f);
  expect(await enrollmentStatuses(f, journeyId)).toEqual({ completed: 5 });
});

it('archive exits everyone still inside with the reason, and nothing more is sent', async () => {
  const before = gateway.acceptedCount;
  const journeyId = await publishJourney(f, waitThenSend('dormant'));
  await emit('dormant', ids, 'c');
  await f.r.producers.lifecycle.request(
    { journeyId, action: 'archive', reason: 'campaign ended' },
    'audit-3',
  );
  await drained(f);
  const rows = await f.testDb.db.query<{ status: string; exit_reason: string; n: number }>(
    'SELECT status, exit_reason, count(*)::int AS n FROM enrollments WHERE journey_id = $1 GROUP BY 1, 2',
    [journeyId],
  );
  expect(rows).toEqual([{ status: 'exited', exit_reason: 'journey-archived: campaign ended', n: 10 }]);
  f.clock.advance(day + 60_000);
  expect((await sweep(f.r)).woken).toBe(0);
  await drained(f);
  expect(gateway.acceptedCount).toBe(before);
});
