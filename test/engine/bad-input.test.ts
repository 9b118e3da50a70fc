import { randomUUID } from 'node:crypto';
import { insertEvents } from '@waymark/db';
import { type RunningEngine, reconcileUnknown, startEngine } from '@waymark/workers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createEngineWorld,
  type EngineWorld,
  graph,
  publishJourney,
  seedBankCustomers,
} from './support/engine-world.ts';
import { drained, statusCounts, transitionCounts } from './support/observe.ts';

const customers = 20;
let world: EngineWorld;
let engine: RunningEngine;

beforeAll(async () => {
  world = await createEngineWorld({ label: 'badinput' });
  await seedBankCustomers(world, customers);
  engine = await startEngine(world.r, {
    groups: ['events', 'steps', 'sends'],
    sweepIntervalMs: false,
    tuning: { lockDurationMs: 5_000, stalledIntervalMs: 2_000 },
  });
}, 120_000);
afterAll(async () => {
  await engine?.close();
  await world?.close();
}, 60_000);

async function template(body: string, archived = false): Promise<string> {
  const id = randomUUID();
  await world.db.query(
    `INSERT INTO templates (id, name, channel, body, archived_at) VALUES ($1, 'Offer', 'sms', $2, $3)`,
    [id, body, archived ? world.clock.now() : null],
  );
  return id;
}

function templatedJourney(templateId: string) {
  return graph(
    [
      { id: 'payday', type: 'trigger.event', config: { event: 'payday' } },
      {
        id: 'sms',
        type: 'send',
        config: { channel: 'sms', connectorId: 'sms-main', content: { kind: 'template', templateId } },
      },
      { id: 'sent', type: 'exit', config: { reason: 'messaged' } },
      { id: 'not-sent', type: 'exit', config: { reason: 'message failed' } },
    ],
    [
      ['payday', 'out', 'sms'],
      ['sms', 'sent', 'sent'],
      ['sms', 'failed', 'not-sent'],
    ],
  );
}

it('records an unknown customer, a deleted template, a failing script and a garbled provider answer with reasons, and serves everyone else', {
  timeout: 300_000,
}, async () => {
  const good = await publishJourney(world, templatedJourney(await template('{{customer.name}}，工资已到账')));
  const deleted = await publishJourney(world, templatedJourney(await template('已删除的话术', true)));
  const failing = await publishJourney(
    world,
    templatedJourney(await template('{{attributes.nickname}}您好')),
  );

  // The provider answers its first request with garbage (having taken the message).
  world.gateway.behave({ kind: 'garbage', accept: true }, 1);
  const events = [
    ...Array.from({ length: customers }, (_, i) => `C${String(i + 1).padStart(6, '0')}`),
    'C999999',
  ].map((customerId) => ({
    eventId: `payday-${customerId}`,
    customerId,
    name: 'payday',
    occurredAt: world.clock.now(),
  }));
  await insertEvents(world.testDb.db, events);
  await world.r.producers.events.ingested(events.map((e) => e.eventId));
  await world.gateway.waitForAccepted(customers);
  await drained(world);

  // The first answer was garbage: the messages it carried (the events came as one batch, so one
  // provider request) are unknown until the provider is asked, then confirmed, never resent.
  const [unknown] = await world.db.query<{ n: number; reasons: string[] }>(
    `SELECT count(*)::int AS n, array_agg(DISTINCT split_part(reason, ':', 1)) AS reasons
       FROM messages WHERE status = 'unknown'`,
  );
  expect(unknown?.n).toBeGreaterThan(0);
  expect(unknown?.reasons).toEqual(['garbled-answer']);
  world.clock.advance(60_000);
  expect(await reconcileUnknown(world.r)).toMatchObject({ confirmed: unknown?.n, requeued: 0 });
  await drained(world);

  expect(await statusCounts(world, good)).toEqual({ completed: customers, failed: 1 });
  expect((await transitionCounts(world, good))['sms.sent']).toBe(customers);
  expect(world.gateway.acceptedCount).toBe(customers);
  expect(world.gateway.keysRequestedMoreThanOnce()).toEqual([]);

  const reasons = async (journeyId: string) =>
    world.db.query<{ status: string; reason: string; n: number }>(
      `SELECT status, split_part(reason, ':', 1) AS reason, count(*)::int AS n FROM messages
          WHERE journey_id = $1 GROUP BY 1, 2`,
      [journeyId],
    );
  expect(await reasons(deleted)).toEqual([{ status: 'failed', reason: 'template-missing', n: customers }]);
  expect(await reasons(failing)).toEqual([{ status: 'failed', reason: 'render-failed', n: customers }]);
  expect((await transitionCounts(world, deleted))['sms.failed']).toBe(customers);

  const unknownCustomer = await world.db.query<{ status: string; exit_reason: string }>(
    `SELECT status, exit_reason FROM enrollments WHERE customer_id = 'C999999'`,
  );
  expect(unknownCustomer).toHaveLength(3);
  for (const enrollment of unknownCustomer) {
    expect(enrollment.status).toBe('failed');
    expect(enrollment.exit_reason).toMatch(/^customer-unknown: no customer C999999/);
  }
});
