import { randomUUID } from 'node:crypto';
import { abSplitNode } from '@waymark/journey/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
const journeyId = randomUUID();
// Noon in Shanghai on 23 November; the journey's days are Shanghai days.
const now = new Date('2026-11-23T04:00:00Z');

const graph = {
  nodes: [
    { id: 'deposit', type: 'trigger.event', config: { event: 'large_deposit' } },
    abSplitNode('ab', {
      variants: [
        { id: 'A', label: 'Rate 3.1%', weight: 40 },
        { id: 'B', label: 'Gift card', weight: 40 },
      ],
      control: 20,
    }),
    {
      id: 'smsA',
      type: 'send',
      config: { channel: 'sms', connectorId: 'sms-main', content: { kind: 'inline', body: 'A' } },
    },
    {
      id: 'smsB',
      type: 'send',
      config: { channel: 'sms', connectorId: 'sms-main', content: { kind: 'inline', body: 'B' } },
    },
  ].map((node, i) => ({ ...node, position: { x: 0, y: i * 120 } })),
  edges: [
    { id: 'e1', source: 'deposit', sourceHandle: 'out', target: 'ab' },
    { id: 'e2', source: 'ab', sourceHandle: 'A', target: 'smsA' },
    { id: 'e3', source: 'ab', sourceHandle: 'B', target: 'smsB' },
  ],
  settings: { timeZone: 'Asia/Shanghai' },
};

/** Adds what the engine counts when `n` customers leave `node` through `port` on `path` in `hour`. */
async function passed(node: string, port: string, path: Record<string, string>, hour: string, n: number) {
  await t.testDb.db.query(
    `INSERT INTO journey_node_counts (journey_id, version, node_id, port, ab_path, hour, slot, passed)
     VALUES ($1, 1, $2, $3, $4, $5, 3, $6)`,
    [journeyId, node, port, Object.keys(path).length === 0 ? '' : JSON.stringify(path), hour, n],
  );
}

async function converted(variant: string, count: number, value: number, at: string) {
  for (let i = 0; i < count; i++) {
    await t.testDb.db.query(
      `INSERT INTO conversions (enrollment_id, journey_id, version, customer_id, value, ab_path, converted_at)
       VALUES ($1, $2, 1, $3, $4, $5, $6)`,
      [
        Math.floor(Math.random() * 1e9),
        journeyId,
        `C-${variant}-${i}`,
        value,
        JSON.stringify({ ab: variant }),
        at,
      ],
    );
  }
}

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
  await t.testDb.db.query(
    `INSERT INTO journeys (id, name, status, draft, live_version) VALUES ($1, 'Year-end deposit', 'live', $2, 1)`,
    [journeyId, JSON.stringify(graph)],
  );
  await t.testDb.db.query('INSERT INTO journey_versions (journey_id, version, graph) VALUES ($1, 1, $2)', [
    journeyId,
    JSON.stringify(graph),
  ]);
  // 1,000 entered: 400 on A, 400 on B, 200 held back. 17:30 UTC on the 22nd is already the 23rd in Shanghai.
  await passed('deposit', 'out', {}, '2026-11-21T02:00:00Z', 600);
  await passed('deposit', 'out', {}, '2026-11-22T17:00:00Z', 400);
  await passed('ab', 'A', { ab: 'A' }, '2026-11-21T02:00:00Z', 400);
  await passed('ab', 'B', { ab: 'B' }, '2026-11-21T02:00:00Z', 400);
  await passed('ab', 'control', { ab: 'control' }, '2026-11-21T02:00:00Z', 200);
  await passed('smsA', 'sent', { ab: 'A' }, '2026-11-21T02:00:00Z', 390);
  await passed('smsA', 'failed', { ab: 'A' }, '2026-11-21T02:00:00Z', 10);
  await passed('smsB', 'sent', { ab: 'B' }, '2026-11-21T02:00:00Z', 400);
  await converted('A', 60, 10_000, '2026-11-21T08:00:00Z');
  await converted('B', 22, 5_000, '2026-11-22T17:30:00Z');
  await converted('control', 20, 2_000, '2026-11-22T08:00:00Z');
});
afterAll(() => t?.close());

it('reports each variant’s sends and conversions with lift and significance against the control group', async () => {
  const response = await t.app.inject({
    url: `/api/v1/journeys/${journeyId}/stats`,
    headers: await t.signIn('analyst'),
  });
  expect(response.statusCode).toBe(200);
  const { variants, totals } = response.json();
  expect(totals.converted).toBe(102);
  expect(variants).toEqual([
    {
      splitNodeId: 'ab',
      variant: 'A',
      label: 'Rate 3.1%',
      control: false,
      entered: 400,
      sent: 390,
      converted: 60,
      conversionRate: 0.15,
      value: 600_000,
      liftOverControl: expect.closeTo(0.5, 6),
      // 15% of 400 against 10% of 200: z ≈ 1.70, not yet significant at 95%.
      significantOverControl: false,
    },
    {
      splitNodeId: 'ab',
      variant: 'B',
      label: 'Gift card',
      control: false,
      entered: 400,
      sent: 400,
      converted: 22,
      conversionRate: 0.055,
      value: 110_000,
      liftOverControl: expect.closeTo(-0.45, 6),
      // 5.5% against 10%: |z| ≈ 2.04, significantly worse than sending nothing.
      significantOverControl: true,
    },
    {
      splitNodeId: 'ab',
      variant: 'control',
      label: 'Control',
      control: true,
      entered: 200,
      sent: 0,
      converted: 20,
      conversionRate: 0.1,
      value: 40_000,
      liftOverControl: null,
      significantOverControl: null,
    },
  ]);
});

it('counts entries and conversions per day in the journey’s time zone, every day of the window', async () => {
  const response = await t.app.inject({
    url: `/api/v1/journeys/${journeyId}/stats?days=4`,
    headers: await t.signIn('analyst'),
  });
  expect(response.json().timeline).toEqual([
    { day: '2026-11-20', entered: 0, converted: 0, value: 0 },
    { day: '2026-11-21', entered: 600, converted: 60, value: 600_000 },
    { day: '2026-11-22', entered: 0, converted: 20, value: 40_000 },
    { day: '2026-11-23', entered: 400, converted: 22, value: 110_000 },
  ]);
  const refused = await t.app.inject({
    url: `/api/v1/journeys/${journeyId}/stats?days=0`,
    headers: await t.signIn('analyst'),
  });
  expect(refused.statusCode).toBe(400);
});
