import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { insertEvents } from '@waymark/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningEngine, startEngine } from '../src/engine.ts';
import {
  createEngineFixture,
  type EngineFixture,
  insertConnector,
  insertCustomers,
} from './support/engine-fixture.ts';
import { drained, enrollmentStatuses, graph, publishJourney, transitionCounts } from './support/journeys.ts';

let f: EngineFixture;
let engine: RunningEngine;
let crm: http.Server;
let crmUrl = '';
const calls: { headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  f = await createEngineFixture({ label: 'actions' });
  crm = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
  crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}/leads`;
  await insertCustomers(
    f,
    ['C000001', 'C000002'].map((id, i) => ({
      id,
      attributes: { segment: 'mass' },
      tags: ['dormant'],
      phone: `1350000000${i}`,
    })),
  );
  engine = await startEngine(f.r, {
    groups: ['events', 'steps', 'sends'],
    sweepIntervalMs: false,
    tuning: { lockDurationMs: 5000, stalledIntervalMs: 2000, retryBaseMs: 20 },
  });
});
afterAll(async () => {
  await engine.close();
  crm.closeAllConnections();
  await new Promise((resolve) => crm.close(resolve));
  await f.close();
});

function journey(event: string) {
  return graph(
    [
      { id: 'start', type: 'trigger.event', config: { event } },
      {
        id: 'tag',
        type: 'update',
        config: {
          setAttributes: { segment: 'affluent', campaign: null },
          addTags: ['wealth-lead'],
          removeTags: ['dormant'],
        },
      },
      {
        id: 'check',
        type: 'filter',
        config: { condition: { type: 'tag', op: 'has', tag: 'wealth-lead' } },
      },
      {
        id: 'crm',
        type: 'webhook',
        config: {
          url: crmUrl,
          method: 'POST',
          bodyTemplate: '{"customer":"{{customer.id}}","segment":"{{attributes.segment}}"}',
        },
      },
      { id: 'ok', type: 'exit', config: { reason: 'lead sent' } },
      { id: 'blocked', type: 'exit', config: { reason: 'crm call failed' } },
    ],
    [
      ['start', 'out', 'tag'],
      ['tag', 'out', 'check'],
      ['check', 'yes', 'crm'],
      ['crm', 'ok', 'ok'],
      ['crm', 'failed', 'blocked'],
    ],
  );
}

async function emit(name: string, customerId: string) {
  const event = { eventId: `${name}-${customerId}`, customerId, name, occurredAt: f.clock.now() };
  await insertEvents(f.testDb.db, [event]);
  await f.r.producers.events.ingested([event.eventId]);
  await drained(f);
}

it('refuses a webhook to a loopback address when no connector allows it, and says why', async () => {
  const journeyId = await publishJourney(f, journey('lead_strict'));
  await emit('lead_strict', 'C000001');
  await expect.poll(() => enrollmentStatuses(f, journeyId), { timeout: 20_000 }).toEqual({ completed: 1 });
  expect(await transitionCounts(f, journeyId)).toMatchObject({
    'tag.out': 1,
    'check.yes': 1,
    'crm.failed': 1,
  });
  const [message] = await f.testDb.db.query<{ status: string; reason: string }>(
    `SELECT status, reason FROM messages WHERE journey_id = $1`,
    [journeyId],
  );
  expect(message?.status).toBe('failed');
  expect(message?.reason).toMatch(/^address-not-allowed: "127\.0\.0\.1"/);
  expect(calls).toHaveLength(0);
});

it('updates the profile mid-walk and calls an allow-listed CRM with the rendered body', async () => {
  await insertConnector(f, {
    id: 'webhook',
    kind: 'outbound-webhook',
    channel: 'webhook',
    credentials: { allowPrivateAddresses: ['127.0.0.1'], signingSecret: 'crm-shared-secret-123' },
  });
  f.r.connectors.clear();
  const journeyId = await publishJourney(f, journey('lead_allowed'));
  await emit('lead_allowed', 'C000002');
  await expect.poll(() => enrollmentStatuses(f, journeyId), { timeout: 20_000 }).toEqual({ completed: 1 });
  expect(await transitionCounts(f, journeyId)).toMatchObject({ 'check.yes': 1, 'crm.ok': 1 });
  expect(calls).toHaveLength(1);
  expect(JSON.parse(calls[0]!.body)).toEqual({ customer: 'C000002', segment: 'affluent' });
  expect(calls[0]!.headers['x-waymark-signature']).toMatch(/^sha256=/);
  const [customer] = await f.testDb.db.query<{ attributes: Record<string, unknown>; tags: string[] }>(
    `SELECT attributes, tags FROM customers WHERE id = 'C000002'`,
  );
  expect(customer).toEqual({ attributes: { segment: 'affluent' }, tags: ['wealth-lead'] });
});
