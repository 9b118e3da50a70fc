import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depositOfferGraph } from './support/journey-graphs.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
let journeyId: string;

// What the engine would have recorded for 5 customers of version 1: all entered; 3 were sent the
// offer and finished, 1 failed to send and waits nowhere (exited at the send), 1 is still at the
// send node. One of the finished customers converted.
async function recordEngineHistory() {
  const db = t.testDb.db;
  const rows = [
    { customer: 'C1', node: 'done', status: 'completed', path: ['trigger:out', 'offer:sent', 'done:'] },
    { customer: 'C2', node: 'done', status: 'completed', path: ['trigger:out', 'offer:sent', 'done:'] },
    { customer: 'C3', node: 'done', status: 'completed', path: ['trigger:out', 'offer:sent', 'done:'] },
    { customer: 'C4', node: 'offer', status: 'failed', path: ['trigger:out', 'offer:failed'] },
    { customer: 'C5', node: 'offer', status: 'active', path: ['trigger:out'] },
  ];
  for (const row of rows) {
    const [enrollment] = await db.query<{ id: number }>(
      `INSERT INTO enrollments (journey_id, version, customer_id, current_node, status)
       VALUES ($1, 1, $2, $3, $4) RETURNING id`,
      [journeyId, row.customer, row.node, row.status],
    );
    for (const step of row.path) {
      const [nodeId, port] = step.split(':');
      await db.query(
        `INSERT INTO journey_node_counts AS n (journey_id, version, node_id, port, ab_path, hour, slot, passed)
         VALUES ($1, 1, $2, $3, '', date_trunc('hour', now()), 0, 1)
         ON CONFLICT ON CONSTRAINT journey_node_counts_pk DO UPDATE SET passed = n.passed + 1`,
        [journeyId, nodeId, port || 'out'],
      );
    }
    if (row.customer === 'C1') {
      await db.query(
        'INSERT INTO conversions (enrollment_id, journey_id, version, customer_id) VALUES ($1, $2, 1, $3)',
        [enrollment?.id, journeyId, row.customer],
      );
    }
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const planner = await t.signIn('planner');
  const admin = await t.signIn('admin');
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/connectors',
    headers: admin,
    payload: { id: 'sms-main', kind: 'sms-http', channel: 'sms', name: 'SMS' },
  });
  const template = await t.app.inject({
    method: 'POST',
    url: '/api/v1/templates',
    headers: planner,
    payload: { name: 'offer', channel: 'sms', body: '您好' },
  });
  const journey = await t.app.inject({
    method: 'POST',
    url: '/api/v1/journeys',
    headers: planner,
    payload: {
      name: 'stats',
      graph: depositOfferGraph({ templateId: template.json().id, connectorId: 'sms-main' }),
    },
  });
  journeyId = journey.json().id;
  await t.app.inject({
    method: 'POST',
    url: `/api/v1/journeys/${journeyId}/publish`,
    headers: planner,
    payload: {},
  });
  await recordEngineHistory();
});
afterAll(() => t.close());

describe('GET /journeys/:id/stats', () => {
  it('counts entries, positions, ports and conversions per node', async () => {
    const response = await t.app.inject({
      url: `/api/v1/journeys/${journeyId}/stats`,
      headers: await t.signIn('analyst'),
    });
    expect(response.statusCode).toBe(200);
    const stats = response.json();
    expect(stats.totals).toEqual({ entered: 5, active: 1, completed: 3, failed: 1, converted: 1 });
    expect(stats.nodes.trigger).toEqual({ out: 5, entered: 5 });
    expect(stats.nodes.offer).toEqual({ sent: 3, failed: 1, entered: 5, active: 1, errored: 1 });
    expect(stats.nodes.done).toEqual({ out: 3, entered: 3, exited: 3 });
  });

  it('is empty for a journey nobody entered, and refused to a relationship manager', async () => {
    const planner = await t.signIn('planner');
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/journeys',
      headers: planner,
      payload: { name: 'empty' },
    });
    const response = await t.app.inject({
      url: `/api/v1/journeys/${other.json().id}/stats`,
      headers: planner,
    });
    expect(response.json()).toMatchObject({ totals: { entered: 0, converted: 0 }, nodes: {} });
    const rm = await t.signIn('relationship-manager');
    expect((await t.app.inject({ url: `/api/v1/journeys/${journeyId}/stats`, headers: rm })).statusCode).toBe(
      403,
    );
  });
});
