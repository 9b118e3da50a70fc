import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

const handedOver: string[][] = [];
let failHandOver = false;
let t: TestApp;
let planner: { cookie: string };
beforeAll(async () => {
  t = await createTestApp({
    clock: { now: () => new Date('2026-03-10T00:00:00Z') },
    onEventsIngested: async (ids) => {
      if (failHandOver) throw new Error('redis down');
      handedOver.push([...ids]);
    },
  });
  planner = await t.signIn('planner');
});
afterAll(() => t.close());

const deposit = (eventId: string, customerId = 'C000001') => ({
  eventId,
  customerId,
  name: 'large_deposit',
  properties: { amount: 120000, currency: 'CNY' },
  occurredAt: '2026-03-09T09:30:00+08:00',
});

async function post(events: unknown[]) {
  return t.app.inject({ method: 'POST', url: '/api/v1/events', headers: planner, payload: { events } });
}

describe('POST /events', () => {
  it('stores a batch and answers 202 with the count', async () => {
    const response = await post([deposit('ev-1'), deposit('ev-2', 'C000002')]);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ accepted: 2, duplicates: 0 });
    const rows = await t.testDb.db.query<{ event_id: string; occurred_at: Date; properties: unknown }>(
      'SELECT event_id, occurred_at, properties FROM events ORDER BY seq',
    );
    expect(rows.map((r) => r.event_id)).toEqual(['ev-1', 'ev-2']);
    expect(rows[0]?.occurred_at.toISOString()).toBe('2026-03-09T01:30:00.000Z');
    expect(rows[0]?.properties).toEqual({ amount: 120000, currency: 'CNY' });
    expect(handedOver.at(-1)).toEqual(['ev-1', 'ev-2']);
  });

  it('is idempotent by eventId: a retried batch records nothing twice', async () => {
    const response = await post([deposit('ev-1'), deposit('ev-3')]);
    expect(response.json()).toEqual({ accepted: 1, duplicates: 1 });
    const again = await post([deposit('ev-3'), deposit('ev-3')]);
    expect(again.json()).toEqual({ accepted: 0, duplicates: 2 });
    const [count] = await t.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    expect(count?.n).toBe(3);
  });

  it('answers 503 when the engine cannot take the events, and hands them over on the retry', async () => {
    failHandOver = true;
    const failed = await post([deposit('ev-9')]);
    expect(failed.statusCode).toBe(503);
    expect(failed.json().code).toBe('service.unavailable');
    failHandOver = false;
    const retried = await post([deposit('ev-9')]);
    expect(retried.json()).toEqual({ accepted: 0, duplicates: 1 });
    expect(handedOver.at(-1)).toEqual(['ev-9']);
  });

  it('rejects a bad batch as a whole, naming each bad field', async () => {
    const response = await post([
      deposit('ev-20'),
      { ...deposit('ev-21'), occurredAt: 'yesterday' },
      { ...deposit('ev-22'), name: 'large deposit!' },
      { ...deposit('ev-23'), customerId: 42 },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.events.1.occurredAt',
      'body.events.2.name',
      'body.events.3.customerId',
    ]);
    const stored = await t.testDb.db.query('SELECT 1 FROM events WHERE event_id = $1', ['ev-20']);
    expect(stored).toHaveLength(0);
  });

  it('rejects events dated more than a day ahead', async () => {
    const response = await post([{ ...deposit('ev-30'), occurredAt: '2026-03-12T00:00:00Z' }]);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'body.events.0.occurredAt', message: 'lies more than a day in the future' },
    ]);
  });

  it('refuses an RM task outcome sent as a customer event: only the workbench may close a task', async () => {
    const outcome = { enrollmentId: 1, nodeId: 'call', outcome: 'converted' };
    const response = await post([{ ...deposit('ev-40'), name: 'rm.task.outcome', properties: outcome }]);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'body.events.0.name', message: expect.stringContaining('recorded by relationship managers') },
    ]);
  });

  it('refuses more than 10,000 events with 413 event.batch-too-large', async () => {
    const response = await post(Array.from({ length: 10_001 }, (_, i) => deposit(`bulk-${i}`)));
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('event.batch-too-large');
  });

  it('is refused to roles without events.write', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: await t.signIn('analyst'),
      payload: { events: [deposit('ev-40')] },
    });
    expect(response.statusCode).toBe(403);
  });
});
