import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bindConnector, httpSmsGateway, WebhookRejectedError } from '../src/index.ts';
import { startTestSmsGateway, type TestSmsGateway } from '../src/testing/index.ts';

let gateway: TestSmsGateway;
let receiver: http.Server;
const received: { headers: http.IncomingHttpHeaders; rawBody: string }[] = [];

beforeAll(async () => {
  gateway = await startTestSmsGateway();
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await gateway.close();
  await new Promise((r) => receiver.close(r));
});

it('reads signed delivery receipts posted by the gateway and refuses tampered ones', async () => {
  const { port } = receiver.address() as AddressInfo;
  const credentials = {
    baseUrl: gateway.url,
    apiKey: gateway.apiKey,
    callbackUrl: `http://127.0.0.1:${port}/webhooks/sms`,
    webhookSecret: gateway.webhookSecret,
  };
  const client = bindConnector(httpSmsGateway, credentials);
  const signal = new AbortController().signal;
  const a = await client.send({ message: { to: '13800000011', text: 'A' }, idempotencyKey: 'r-1' }, signal);
  const b = await client.send({ message: { to: '13800000012', text: 'B' }, idempotencyKey: 'r-2' }, signal);
  expect(await gateway.flushReceipts('delivered')).toBe(2);
  expect(received).toHaveLength(1);

  const request = received[0]!;
  const parsed = httpSmsGateway.credentials.parse(credentials);
  const reports = httpSmsGateway.webhooks!.deliveryReports({ ...request, credentials: parsed });
  expect(reports.map((r) => [r.providerMessageId, r.idempotencyKey, r.status])).toEqual([
    [a.providerMessageId, 'r-1', 'delivered'],
    [b.providerMessageId, 'r-2', 'delivered'],
  ]);

  const tampered = { ...request, rawBody: request.rawBody.replace('delivered', 'failed') };
  expect(() => httpSmsGateway.webhooks!.deliveryReports({ ...tampered, credentials: parsed })).toThrow(
    WebhookRejectedError,
  );
  expect(() =>
    httpSmsGateway.webhooks!.deliveryReports({
      ...request,
      credentials: { ...parsed, webhookSecret: undefined },
    }),
  ).toThrow(/No webhook secret/);
});
