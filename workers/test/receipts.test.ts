import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpSmsGateway } from '@waymark/connectors';
import { startTestSmsGateway, type TestSmsGateway } from '@waymark/connectors/testing';
import type { Worker } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDeliveryWorkers } from '../src/deliveries/delivery-workers.ts';
import { startReceiptsWorker } from '../src/receipts/receipts-worker.ts';
import { defaultWorkerTuning } from '../src/runtime/worker-tuning.ts';
import { seedClaimedMessages } from './support/claimed-messages.ts';
import {
  createEngineFixture,
  type EngineFixture,
  insertConnector,
  insertCustomers,
} from './support/engine-fixture.ts';

let f: EngineFixture;
let gateway: TestSmsGateway;
let webhookRoute: http.Server;
let workers: Worker[];
const credentials = () => ({
  baseUrl: gateway.url,
  apiKey: gateway.apiKey,
  webhookSecret: gateway.webhookSecret,
  callbackUrl: `http://127.0.0.1:${(webhookRoute.address() as AddressInfo).port}/webhooks/sms-main`,
});

beforeAll(async () => {
  f = await createEngineFixture({ label: 'receipts' });
  gateway = await startTestSmsGateway();
  // What the server's webhook route does: verify through the connector, then queue the receipts.
  webhookRoute = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reports = httpSmsGateway.webhooks!.deliveryReports({
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
        credentials: httpSmsGateway.credentials.parse(credentials()),
      });
      f.r.producers.receipts
        .record({
          connectorId: 'sms-main',
          reports: reports.map((report) => ({ ...report, at: report.at.toISOString() })),
        })
        .then(() => res.writeHead(202).end())
        .catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => webhookRoute.listen(0, '127.0.0.1', resolve));
  await insertConnector(f, {
    id: 'sms-main',
    kind: 'http-sms-gateway',
    channel: 'sms',
    credentials: credentials(),
  });
  await insertCustomers(
    f,
    ['C000001', 'C000002', 'C000003'].map((id, i) => ({ id, phone: `1360000000${i}` })),
  );
  const tuning = { ...defaultWorkerTuning, lockDurationMs: 5000, stalledIntervalMs: 2000 };
  workers = [...startDeliveryWorkers(f.r, ['sms'], tuning), ...startReceiptsWorker(f.r, tuning)];
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  webhookRoute.closeAllConnections();
  await new Promise((resolve) => webhookRoute.close(resolve));
  await gateway.close();
  await f.close();
});

it('records signed delivery receipts from the gateway as delivered messages with their events', async () => {
  const { messageIds } = await seedClaimedMessages(f, {
    customerIds: ['C000001', 'C000002', 'C000003'],
    connectorId: 'sms-main',
  });
  await f.r.producers.deliveries.deliver('sms', messageIds, 'receipts');
  await gateway.waitForAccepted(3);
  const statuses = () =>
    f.testDb.db.query<{ status: string }>(
      'SELECT status FROM messages WHERE id = ANY($1::bigint[]) ORDER BY id',
      [messageIds],
    );
  await expect
    .poll(async () => (await statuses()).map((m) => m.status), { timeout: 20_000 })
    .toEqual(['sent', 'sent', 'sent']);
  expect(await gateway.flushReceipts('delivered')).toBe(3);
  await expect
    .poll(async () => (await statuses()).map((m) => m.status), { timeout: 20_000 })
    .toEqual(['delivered', 'delivered', 'delivered']);
  const events = await f.testDb.db.query<{ status: string }>(
    'SELECT status FROM message_events WHERE message_id = $1 ORDER BY id',
    [messageIds[0]],
  );
  expect(events.map((e) => e.status)).toEqual(['sent', 'delivered']);
});
