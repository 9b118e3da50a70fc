import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bindConnector,
  createAddressPolicy,
  outboundWebhook,
  PermanentSendError,
  TransientSendError,
  UnknownOutcomeError,
} from '../src/index.ts';

type Mode = 'ok' | 'fail-503' | 'fail-404' | 'hang';
let mode: Mode = 'ok';
let server: http.Server;
let port = 0;
const calls: { headers: http.IncomingHttpHeaders; body: string }[] = [];
const signal = new AbortController().signal;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (mode === 'hang') return;
      if (mode === 'fail-503') res.writeHead(503).end();
      else if (mode === 'fail-404') res.writeHead(404).end();
      else res.writeHead(200, { 'x-request-id': `crm-${calls.length}` }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise((r) => server.close(r));
});
beforeEach(() => {
  mode = 'ok';
  calls.length = 0;
});

const secret = 'a-signing-secret-of-some-length';
const allowLoopback = () =>
  bindConnector(outboundWebhook, {
    signingSecret: secret,
    allowPrivateAddresses: ['127.0.0.1'],
    timeoutMs: 300,
  });

describe('outbound-webhook connector', () => {
  it('refuses loopback by IP and by name unless allow-listed, and sends nothing', async () => {
    const strict = bindConnector(outboundWebhook, {});
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      `http://localhost:${port}/hook`,
      `http://[::1]:${port}/hook`,
    ]) {
      const error = await strict
        .send({ message: { url, body: {} }, idempotencyKey: 'w-1' }, signal)
        .catch((e) => e);
      expect(error, url).toBeInstanceOf(PermanentSendError);
      expect(error.code, url).toBe('address-not-allowed');
    }
    expect(calls).toHaveLength(0);
  });

  it('calls an allow-listed address with a signed body and the idempotency key', async () => {
    const receipt = await allowLoopback().send(
      {
        message: { url: `http://127.0.0.1:${port}/hook`, body: { customer: 'C000001' } },
        idempotencyKey: 'w-2',
      },
      signal,
    );
    expect(receipt).toMatchObject({ providerMessageId: 'crm-1', status: 'delivered' });
    const call = calls[0]!;
    expect(call.headers['idempotency-key']).toBe('w-2');
    const expected = createHmac('sha256', secret)
      .update(`${call.headers['x-waymark-timestamp']}.${call.body}`)
      .digest('hex');
    expect(call.headers['x-waymark-signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(call.body)).toEqual({ customer: 'C000001' });
  });

  it('classifies endpoint failures: 503 transient, 404 permanent, no answer unknown', async () => {
    const client = allowLoopback();
    const message = { url: `http://127.0.0.1:${port}/hook`, body: {} };
    mode = 'fail-503';
    expect(await client.send({ message, idempotencyKey: 'w-3' }, signal).catch((e) => e)).toBeInstanceOf(
      TransientSendError,
    );
    mode = 'fail-404';
    expect(await client.send({ message, idempotencyKey: 'w-4' }, signal).catch((e) => e)).toBeInstanceOf(
      PermanentSendError,
    );
    mode = 'hang';
    expect(await client.send({ message, idempotencyKey: 'w-5' }, signal).catch((e) => e)).toBeInstanceOf(
      UnknownOutcomeError,
    );
  });

  it('honours the host list when one is configured', async () => {
    const client = bindConnector(outboundWebhook, {
      allowedHosts: ['*.crm.example.com'],
      allowPrivateAddresses: ['127.0.0.1'],
    });
    const error = await client
      .send({ message: { url: `http://127.0.0.1:${port}/hook`, body: {} }, idempotencyKey: 'w-6' }, signal)
      .catch((e) => e);
    expect(error.code).toBe('host-not-allowed');
  });
});

describe('address policy', () => {
  const policy = createAddressPolicy([]);
  it('refuses well-known internal addresses, including IPv4 written as IPv6', () => {
    for (const a of [
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ]) {
      expect(policy.isAllowed(a), a).toBe(false);
    }
    for (const a of ['8.8.8.8', '114.114.114.114', '2400:3200::1']) expect(policy.isAllowed(a), a).toBe(true);
  });

  it('never allows any address inside 10/8, 127/8 or 192.168/16', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(fc.constantFrom(10, 127, 192), octet, octet, octet, (a, b, c, d) => {
        const address = a === 192 ? `192.168.${c}.${d}` : `${a}.${b}.${c}.${d}`;
        return !policy.isAllowed(address) && !policy.isAllowed(`::ffff:${address}`);
      }),
    );
  });

  it('lets an allow-listed range through and nothing else', () => {
    const internal = createAddressPolicy(['10.20.0.0/16']);
    expect(internal.isAllowed('10.20.3.4')).toBe(true);
    expect(internal.isAllowed('10.21.3.4')).toBe(false);
  });
});
